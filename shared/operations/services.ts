import { z } from 'zod';
import { defineOperation } from './define';
import statusScript from './scripts/services-status.ps1?raw';
import restartScript from './scripts/services-restart.ps1?raw';
import ensureRunningScript from './scripts/services-ensure-running.ps1?raw';
import stopScript from './scripts/services-stop.ps1?raw';

/**
 * Windows service names: what `sc.exe` accepts, kept to the characters real service names use.
 * No wildcards: Get-Service and Restart-Service -Name expand * ? [ ], so "OpenVPN*" would read (or
 * restart) every service it matches.
 */
export const serviceName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\\/\0\r\n*?[\]]+$/, 'a service name (no slashes, wildcards, NUL or line breaks)');

export const serviceStatus = z.object({
  name: z.string(),
  exists: z.boolean(),
  status: z.string().nullable(),
  startType: z.string().nullable(),
  displayName: z.string().nullable(),
});

export const servicesStatus = defineOperation({
  name: 'services.status',
  area: 'services',
  title: 'Read service status',
  description: 'Status and start type of the named services (for example OpenVPNService, HLKSvc).',
  params: z.object({ names: z.array(serviceName).min(1).max(64) }).strict(),
  result: z.object({ services: z.array(serviceStatus) }),
  script: statusScript,
  timeoutMs: 15_000,
  changesMachine: false,
});

export const servicesRestart = defineOperation({
  name: 'services.restart',
  area: 'services',
  title: 'Restart a service',
  description: 'Restarts the service (or starts it if stopped) and waits until it reports Running.',
  params: z.object({ name: serviceName, waitSeconds: z.number().int().min(1).max(300).default(60) }).strict(),
  result: z.object({ name: z.string(), status: z.string() }),
  script: restartScript,
  timeoutMs: 330_000,
  changesMachine: true,
});

export const servicesEnsureRunning = defineOperation({
  name: 'services.ensureRunning',
  area: 'services',
  title: 'Start or restart services',
  description:
    'Starts each named service, or restarts it when asked, makes it start automatically when asked, and waits until each reports Running. For example OpenVPNService with automatic start, or the HLK services.',
  params: z
    .object({
      names: z.array(serviceName).min(1).max(16),
      restart: z.boolean().default(false),
      automaticStart: z.boolean().default(false),
      waitSeconds: z.number().int().min(1).max(300).default(60),
    })
    .strict(),
  result: z.object({ services: z.array(z.object({ name: z.string(), status: z.string(), startType: z.string() })) }),
  script: ensureRunningScript,
  timeoutMs: 330_000,
  changesMachine: true,
});

export const servicesStop = defineOperation({
  name: 'services.stop',
  area: 'services',
  title: 'Stop services',
  description:
    'Stops each named service and waits until it reports Stopped, for example OpenVPNService before the TAP driver restarts. Its start type is left as it is.',
  params: z.object({ names: z.array(serviceName).min(1).max(16), waitSeconds: z.number().int().min(1).max(300).default(60) }).strict(),
  result: z.object({ services: z.array(z.object({ name: z.string(), status: z.string(), startType: z.string() })) }),
  script: stopScript,
  timeoutMs: 330_000,
  changesMachine: true,
});
