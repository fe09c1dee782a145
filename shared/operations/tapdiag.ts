import { z } from 'zod';
import { defineOperation } from './define';
import { withFunctions } from './compose';
import { serviceName } from './services';
import { windowsPath } from '../readiness/settings';
import functions from './scripts/tapdiag-functions.ps1?raw';
import statusScript from './scripts/tapdiag-status.ps1?raw';
import enableScript from './scripts/tapdiag-enable.ps1?raw';
import setLinkScript from './scripts/tapdiag-set-link.ps1?raw';
import setQScript from './scripts/tapdiag-set-q.ps1?raw';

/**
 * tapdiag on the clients and the support machine: the OpenVPN wiki's recipe for NDISTest's LinkCheck and
 * 2c_Priority (enable the endpoint, restart the TAP driver, then /link and /setq). What tapdiag.exe does
 * and prints is read from its source, tapdiag.cpp in tap-windows6's HLK work; see tapdiag-functions.ps1.
 * Link and 802.1Q settings live in the driver only until it restarts: a reboot loses them.
 */

/** The TAP driver's hardware id, which is also the component id of its adapters (tap0901). */
const hardwareId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\0\r\n]+$/, 'a hardware id such as tap0901');

const adapterState = z.object({ name: z.string(), status: z.string(), mediaConnectionState: z.string() });

const tapdiagEndpoint = z.enum(['open', 'closed', 'no-adapter', 'unknown']);

export const tapdiagStatus = defineOperation({
  name: 'tapdiag.status',
  area: 'tapdiag',
  title: 'Read tapdiag status',
  description:
    'Whether tapdiag.exe is where the lab says, whether the TAP driver\'s TapDiag registry value is set, and whether the driver\'s tapdiag endpoint opens. Changes nothing.',
  params: z.object({ toolPath: windowsPath, hardwareId }).strict(),
  result: z.object({
    toolPath: z.string(),
    toolFound: z.boolean(),
    driverService: z.boolean(),
    registryEnabled: z.boolean(),
    endpoint: tapdiagEndpoint,
    output: z.string(),
    adapters: z.array(adapterState),
  }),
  script: withFunctions(statusScript, functions),
  timeoutMs: 30_000,
  changesMachine: false,
});

export const tapdiagEnable = defineOperation({
  name: 'tapdiag.enable',
  area: 'tapdiag',
  title: 'Enable tapdiag (restarts the TAP adapter)',
  description:
    'Runs `tapdiag /enable`, stops the running OpenVPN services, restarts the TAP adapter so the driver opens its tapdiag endpoint, starts the services again and checks that the endpoint opens. The VPN is down for a few seconds; no reboot is needed.',
  params: z
    .object({
      toolPath: windowsPath,
      hardwareId,
      openvpnServices: z.array(serviceName).min(1).max(8),
      waitSeconds: z.number().int().min(1).max(300).default(60),
    })
    .strict(),
  result: z.object({
    registryEnabled: z.literal(true),
    endpoint: z.literal('open'),
    restartedAdapters: z.array(z.string()),
    stoppedServices: z.array(z.string()),
    startedServices: z.array(z.string()),
  }),
  script: withFunctions(enableScript, functions),
  timeoutMs: 330_000,
  changesMachine: true,
});

export const tapdiagSetLink = defineOperation({
  name: 'tapdiag.setLink',
  area: 'tapdiag',
  title: 'Plug or unplug the TAP adapter\'s cable (tapdiag /link)',
  description:
    'Sets the TAP adapter\'s link on or off, as unplugging and plugging a cable would: what LinkCheck\'s message boxes ask for. Lost at the next reboot.',
  params: z.object({ toolPath: windowsPath, hardwareId, link: z.enum(['on', 'off']) }).strict(),
  result: z.object({ link: z.enum(['on', 'off']), output: z.string(), adapters: z.array(adapterState) }),
  script: withFunctions(setLinkScript, functions),
  timeoutMs: 30_000,
  changesMachine: true,
});

export const tapdiagSetQ = defineOperation({
  name: 'tapdiag.setQ',
  area: 'tapdiag',
  title: 'Set 802.1Q handling (tapdiag /setq)',
  description:
    'Sets how the TAP driver handles 802.1Q priority and VLAN headers: on, off (the driver\'s default) or always. 2c_Priority needs it on, on both machines. Lost at the next reboot.',
  params: z.object({ toolPath: windowsPath, mode: z.enum(['on', 'off', 'always']) }).strict(),
  result: z.object({ mode: z.enum(['on', 'off', 'always']), output: z.string() }),
  script: withFunctions(setQScript, functions),
  timeoutMs: 30_000,
  changesMachine: true,
});
