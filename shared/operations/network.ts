import { z } from 'zod';
import { defineOperation } from './define';
import adaptersScript from './scripts/network-adapters.ps1?raw';
import renameScript from './scripts/network-rename-adapters.ps1?raw';

export const networkAdapter = z.object({
  name: z.string(),
  interfaceDescription: z.string(),
  ifIndex: z.number().int(),
  status: z.string(),
  mediaConnectionState: z.string(),
  linkSpeed: z.string(),
  receiveLinkSpeed: z.number(),
  macAddress: z.string(),
  driverVersion: z.string(),
  componentId: z.string(),
  addresses: z.array(z.object({ address: z.string(), family: z.string(), prefixLength: z.number().int() })),
});

export const networkAdapters = defineOperation({
  name: 'network.adapters',
  area: 'network',
  title: 'List network adapters',
  description: 'Adapters with name, driver version, link speed, media state and IP addresses.',
  params: z.object({}).strict(),
  result: z.object({ adapters: z.array(networkAdapter) }),
  script: adaptersScript,
  timeoutMs: 20_000,
  changesMachine: false,
});

/** An adapter name; the script matches it exactly, never as a pattern. */
export const adapterName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\0\r\n]+$/, 'an adapter name (no NUL or line breaks)');

export const networkRenameAdapters = defineOperation({
  name: 'network.renameAdapters',
  area: 'network',
  title: 'Rename network adapters',
  description:
    'Renames adapters one after the other, for example to MessageDevice and SupportDevice0 as HLK\'s LAN testing prerequisites ask.',
  params: z
    .object({ renames: z.array(z.object({ name: adapterName, newName: adapterName }).strict()).min(1).max(8) })
    .strict(),
  result: z.object({ renamed: z.array(z.object({ name: z.string(), interfaceDescription: z.string() })) }),
  script: renameScript,
  timeoutMs: 30_000,
  changesMachine: true,
});
