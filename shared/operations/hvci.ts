import { z } from 'zod';
import { defineOperation } from './define';
import statusScript from './scripts/hvci-status.ps1?raw';
import enableScript from './scripts/hvci-enable.ps1?raw';

/**
 * HVCI readiness (Microsoft's "Evaluate HVCI driver compatibility"): virtualization-based security and
 * HVCI from Win32_DeviceGuard, and Driver Verifier's code integrity checks (flag 0x02000000) for the driver
 * under test. Turning them on takes a reboot.
 */

/** The driver's file as Driver Verifier names it (tap0901.sys): one file name, nothing else. */
const driverFile = z.string().min(5).max(255).regex(/^[^\\/\0\r\n:*?"<>|\s]+\.sys$/i, 'a driver file name such as tap0901.sys').meta({ examples: ['tap0901.sys'] });

export const hvciStatus = defineOperation({
  name: 'hvci.status',
  area: 'signing',
  title: 'Read HVCI readiness',
  description:
    'Reads Win32_DeviceGuard (virtualization-based security and HVCI configured and running) and the Driver Verifier settings for the next boot: which drivers are verified, and whether the code integrity checks (0x02000000) are on.',
  params: z.object({ driverFile }).strict(),
  result: z.object({
    vbs: z.enum(['off', 'configured', 'running']),
    hvciConfigured: z.boolean(),
    hvciRunning: z.boolean(),
    verifier: z.object({ drivers: z.array(z.string()), flags: z.number().int(), codeIntegrity: z.boolean(), driverVerified: z.boolean() }),
  }),
  script: statusScript,
  timeoutMs: 60_000,
  changesMachine: false,
});

export const hvciEnable = defineOperation({
  name: 'hvci.enable',
  area: 'signing',
  title: 'Turn on HVCI and the verifier\'s code integrity checks',
  description:
    'Sets virtualization-based security and HVCI in the DeviceGuard registry key (reg add), and runs `verifier.exe /flags ... /driver ...` with the code integrity flag 0x02000000 added for the driver. Both take effect after a reboot.',
  params: z.object({ driverFile }).strict(),
  result: z.object({ drivers: z.array(z.string()), flags: z.number().int(), rebootNeeded: z.literal(true) }),
  script: enableScript,
  timeoutMs: 60_000,
  changesMachine: true,
});
