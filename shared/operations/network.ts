import { z } from 'zod';
import { defineOperation } from './define';
import adaptersScript from './scripts/network-adapters.ps1?raw';

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
