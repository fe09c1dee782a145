import type { ChecklistInfo } from '../../shared/checklists/types';
import type { MachineReadiness } from '../../shared/readiness/results';
import type { MachineView } from '../../shared/lab';

type StepFix = NonNullable<ChecklistInfo['steps'][number]['fix']>;

/** What a step's fix will run on a machine, as far as the UI can know it before asking. */
export type FixPlan =
  | {
      ok: true;
      /** The machine the operations run on: the step's machine, or the controller for HLK's state. */
      runsOn: string;
      operations: string[];
      /** Exact parameters, when the readiness check proposed them; otherwise hlk-assist takes them from the lab. */
      params: Record<string, unknown> | null;
      reboot: string | null;
    }
  | { ok: false; reason: string };

/**
 * A check's fix runs what the check's latest result on the machine proposes (so the confirmation shows its
 * exact operation and parameters); an operation or an action runs the operations the catalogue names, on
 * the machine or on the controller.
 */
export function fixPlan(fix: StepFix, machine: string, readiness: MachineReadiness | undefined, machines: readonly MachineView[]): FixPlan {
  if (fix.kind === 'check-fix') {
    const result = readiness?.checks.find((c) => c.check === fix.check);
    if (!result) return { ok: false, reason: `the check has not run on ${machine} yet: verify first` };
    if (!result.fix) return { ok: false, reason: 'the check offers none for what it found' };
    const p = result.fix;
    return {
      ok: true,
      runsOn: p.runsOn,
      operations: [p.operation],
      params: p.params,
      reboot: p.rebootsMachine ? `Reboots ${p.runsOn} and waits for it; runtime state such as tapdiag settings is lost.` : p.needsReboot ? `Takes effect only after ${p.runsOn} reboots.` : null,
    };
  }
  const runsOn = fix.runsOn === 'controller' ? machines.find((m) => m.role === 'controller')?.name : machine;
  if (!runsOn) return { ok: false, reason: 'the lab names no controller' };
  return { ok: true, runsOn, operations: fix.operations, params: null, reboot: null };
}
