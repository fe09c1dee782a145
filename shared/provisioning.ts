import { z } from 'zod';
import { windowsFolder } from './operations/driver';

/**
 * The lab file's optional `provisioning` section: what preparing a fresh client or support machine
 * installs from where. `driverFolder` is the driver under test's folder as the machines reach it (a
 * folder on each machine, or a share): its INF, and tapinstall.exe or devcon.exe if it has one.
 */
export const provisioningSchema = z
  .object({
    driverFolder: windowsFolder.optional(),
  })
  .strict();

export type ProvisioningSettings = z.output<typeof provisioningSchema>;
