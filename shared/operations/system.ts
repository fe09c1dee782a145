import { z } from 'zod';
import { defineOperation } from './define';
import factsScript from './scripts/system-facts.ps1?raw';
import bootTimeScript from './scripts/system-boot-time.ps1?raw';
import rebootScript from './scripts/system-reboot.ps1?raw';

export const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

export const systemFactsResult = z.object({
  computerName: z.string(),
  osVersion: z.string(),
  build: z.number().int(),
  ubr: z.number().int(),
  productName: z.string(),
  edition: z.string(),
  releaseId: z.string(),
  cores: z.number().int(),
  logicalProcessors: z.number().int(),
  hardware: z.string(),
  isVirtual: z.boolean(),
  lastBootTime: isoTime,
  pendingReboot: z.array(z.string()),
  powershellVersion: z.string(),
  elevated: z.boolean(),
});
export type SystemFacts = z.infer<typeof systemFactsResult>;

export const systemFacts = defineOperation({
  name: 'system.facts',
  area: 'system',
  title: 'Read system facts',
  description:
    'Windows version and build, edition, processor cores, virtual or physical, last boot time and whether a reboot is pending.',
  params: z.object({}).strict(),
  result: systemFactsResult,
  script: factsScript,
  timeoutMs: 20_000,
  changesMachine: false,
});

export const systemBootTime = defineOperation({
  name: 'system.bootTime',
  area: 'system',
  title: 'Read last boot time',
  description: 'When the machine last booted: compared after every reconnect to tell a reboot from a network blip.',
  params: z.object({}).strict(),
  result: z.object({ lastBootTime: isoTime, now: isoTime }),
  script: bootTimeScript,
  timeoutMs: 10_000,
  changesMachine: false,
});

export const systemReboot = defineOperation({
  name: 'system.reboot',
  area: 'system',
  title: 'Reboot the machine',
  description:
    'Asks Windows to restart after a short delay. The connection drops; hlk-assist reconnects and notes the new boot time. Runtime state such as tapdiag settings is lost.',
  params: z.object({ delaySeconds: z.number().int().min(0).max(600).default(5) }).strict(),
  result: z.object({ rebootInSeconds: z.number().int() }),
  script: rebootScript,
  timeoutMs: 30_000,
  changesMachine: true,
});
