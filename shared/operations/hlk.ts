import { z } from 'zod';
import { defineOperation } from './define';
import machinesScript from './scripts/hlk-machines.ps1?raw';
import setReadyScript from './scripts/hlk-set-machine-ready.ps1?raw';

/** HLK's own view of the lab, through HLK Studio's object model on the controller. */

const hlkMachinesResult = z.object({
  controller: z.string(),
  database: z.string(),
  machines: z.array(
    z.object({
      name: z.string(),
      pool: z.string(),
      status: z.string(),
      lastHeartbeat: z.string().nullable(),
    }),
  ),
});

export const hlkMachines = defineOperation({
  name: 'hlk.machines',
  area: 'hlk',
  title: 'List HLK machines',
  description:
    'Every machine HLK knows on this controller, with its pool, status (Ready, NotReady, Initializing, Running) and last heartbeat, read through HLK Studio\'s object model. Run it on the controller.',
  params: z.object({}).strict(),
  result: hlkMachinesResult,
  script: machinesScript,
  timeoutMs: 120_000,
  changesMachine: false,
});

/** A machine's name as HLK lists it: a computer name, possibly qualified. */
const hlkMachineName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'a computer name');

export const hlkSetMachineReady = defineOperation({
  name: 'hlk.setMachineReady',
  area: 'hlk',
  title: 'Set a machine Ready in HLK',
  description:
    'Sets the named machine Ready in HLK, as "Change Machine Status" in HLK Studio does, so tests can be scheduled on it again. Run it on the controller.',
  params: z.object({ machine: hlkMachineName }).strict(),
  result: z.object({ machine: z.string(), pool: z.string(), status: z.string() }),
  script: setReadyScript,
  timeoutMs: 120_000,
  changesMachine: true,
});
