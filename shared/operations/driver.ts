import { z } from 'zod';
import { defineOperation } from './define';
import removeScript from './scripts/driver-remove-packages.ps1?raw';


export const driverRemovePackages = defineOperation({
  name: 'driver.removePackages',
  area: 'driver',
  title: 'Remove driver packages',
  description:
    'Deletes the given packages (oemNN.inf) with `pnputil /delete-driver`, so a reinstall cannot pick a stale version. A package a device still uses is kept, and Windows says so.',
  /**
   * The packages by number: 12 for oem12.inf. A number cannot carry anything but a number onto
   * pnputil's command line, which Windows PowerShell 5.1 quotes unreliably for values with quotes.
   */
  params: z.object({ oemNumbers: z.array(z.number().int().min(0).max(99_999)).min(1).max(32) }).strict(),
  result: z.object({
    results: z.array(z.object({ publishedName: z.string(), removed: z.boolean(), message: z.string() })),
  }),
  script: removeScript,
  timeoutMs: 120_000,
  changesMachine: true,
});
