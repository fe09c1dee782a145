import type { ChecklistProgressView, StepProgress, StepState } from '../../shared/checklists/types';
import type { Tone } from '../lab/connection-states';

/** How a step's state reads: a word and a shape, colour only on top; worst first. */
export const stepStateLooks: Record<StepState, { label: string; tone: Tone; rank: number }> = {
  broken: { label: 'Broken', tone: 'bad', rank: 0 },
  pending: { label: 'To do', tone: 'off', rank: 1 },
  'manual-confirmed': { label: 'Confirmed by hand', tone: 'good', rank: 2 },
  done: { label: 'Done', tone: 'good', rank: 3 },
};

const finished = (state: StepState) => state === 'done' || state === 'manual-confirmed';

/** A step's state over the machines it applies to: its worst. Null when it applies to no machine of this lab. */
export function stepState(machines: readonly StepProgress[]): StepState | null {
  if (machines.length === 0) return null;
  return machines.map((m) => m.state).reduce((a, b) => (stepStateLooks[b].rank < stepStateLooks[a].rank ? b : a));
}

export interface ChecklistCounts {
  /** Steps that apply to a machine of this lab. */
  total: number;
  /** Done or confirmed on every machine. */
  done: number;
  broken: number;
}

/** Steps, not step-machine pairs: "7 of 12 done" counts what the operator walks. */
export function checklistCounts(checklist: ChecklistProgressView['checklists'][number]): ChecklistCounts {
  const states = checklist.steps.map((s) => stepState(s.machines)).filter((s): s is StepState => s !== null);
  return { total: states.length, done: states.filter(finished).length, broken: states.filter((s) => s === 'broken').length };
}

/** "7 of 12 done, 1 broken", "all 12 done". */
export function countsText(c: ChecklistCounts): string {
  if (c.total === 0) return 'no step applies to this lab\u2019s machines';
  const done = c.done === c.total ? `all ${c.total} done` : `${c.done} of ${c.total} done`;
  return c.broken > 0 ? `${done}, ${c.broken} broken` : done;
}

/** The checklist's tone at a glance: broken is bad, everything done is good, the rest is work to do. */
export function countsTone(c: ChecklistCounts): Tone {
  if (c.broken > 0) return 'bad';
  return c.total > 0 && c.done === c.total ? 'good' : 'off';
}
