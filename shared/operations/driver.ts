import { z } from 'zod';
import { defineOperation } from './define';
import removeScript from './scripts/driver-remove-packages.ps1?raw';
import installScript from './scripts/driver-install.ps1?raw';

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

/** A Windows folder path (C:\\... or \\\\server\\share\\...), one line. */
export const windowsFolder = z
  .string()
  .min(3)
  .max(260)
  .regex(/^([A-Za-z]:\\|\\\\[^\\\0\r\n]+\\)[^\0\r\n"*?<>|]*$/, 'a Windows folder such as C:\\HLK\\driver or \\\\server\\share\\driver')
  .meta({ examples: ['C:\\HLK\\driver'] });

export const driverInstall = defineOperation({
  name: 'driver.install',
  area: 'driver',
  title: 'Install the driver under test',
  description:
    'From a driver folder on the machine (or a share it reaches): removes older packages of the same INF from the driver store, installs with the folder\'s tapinstall.exe (or devcon.exe), else `pnputil /add-driver /install`, and confirms the version the adapter reports against the INF\'s DriverVer.',
  params: z
    .object({
      folder: windowsFolder,
      /** The package's INF in that folder (OemVista.inf for tap-windows6). */
      infName: z.string().min(1).max(255).regex(/^[^\\/\0\r\n:*?"<>|]+\.inf$/i, 'a file name ending in .inf').meta({ examples: ['OemVista.inf'] }),
      /** The hardware id the adapter has (tap0901): what tapinstall installs and how the adapter is found. */
      hardwareId: z.string().min(1).max(200).regex(/^[^\0\r\n\s]+$/, 'one word without spaces').meta({ examples: ['tap0901'] }),
    })
    .strict(),
  result: z.object({
    version: z.string(),
    installer: z.string(),
    output: z.string(),
    removed: z.array(z.string()),
    packages: z.array(z.object({ publishedName: z.string(), version: z.string() })),
    adapter: z.object({ name: z.string(), driverVersion: z.string() }).nullable(),
    confirmed: z.boolean(),
    rebootNeeded: z.boolean(),
  }),
  script: installScript,
  timeoutMs: 300_000,
  changesMachine: true,
});
