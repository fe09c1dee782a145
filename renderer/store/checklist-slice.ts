import type { ChecklistInfo, ChecklistProgressView } from '../../shared/checklists/types';
import type { SliceCreator } from './app-state';
import { ask } from './ask';
import { errorWords } from '../operations/error-words';

/** A fix or a confirmation asked for from this window, on one step on one machine. */
export type StepRun = { kind: 'fix' | 'confirm' | 'take-back'; startedAt: number } & (
  | { status: 'running' }
  | { status: 'finished'; finishedAt: number; ok: boolean; message: string | null }
);

export const stepKey = (checklist: string, step: string, machine: string) => `${checklist}/${step}/${machine}`;

/** The setup checklists: what they are (the catalogue), each step's state on each machine, and what this window asked. */
export interface ChecklistSlice {
  checklistCatalogue: ChecklistInfo[];
  checklistProgress: ChecklistProgressView | null;
  /** The verification under way (a checklist's id, or 'all'), and why the last one failed. */
  checklistVerify: { doing: string | null; error: string | null };
  stepRuns: Record<string, StepRun>;
  /** Verifies a checklist (every checklist by default) on every machine it applies to, now. */
  verifyChecklist(checklist?: string): Promise<void>;
  confirmStep(checklist: string, step: string, machine: string, confirmed: boolean): Promise<void>;
  /** Runs the fix the operator confirmed, then the step is verified again. */
  fixStep(checklist: string, step: string, machine: string): Promise<void>;
  dismissStepRun(checklist: string, step: string, machine: string): void;
}

export const createChecklistSlice: SliceCreator<ChecklistSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  const record = (key: string, run: StepRun) => set((s) => ({ stepRuns: { ...s.stepRuns, [key]: run } }));
  return {
    checklistCatalogue: [],
    checklistProgress: null,
    checklistVerify: { doing: null, error: null },
    stepRuns: {},
    verifyChecklist: async (checklist) => {
      if (get().checklistVerify.doing) return;
      set({ checklistVerify: { doing: checklist ?? 'all', error: null } });
      const answer = await ask(api, 'checklists.verify', checklist ? { checklist } : {});
      if (answer.ok) feed.checklist(answer.result);
      set({ checklistVerify: { doing: null, error: answer.ok ? null : answer.message } });
    },
    confirmStep: async (checklist, step, machine, confirmed) => {
      const key = stepKey(checklist, step, machine);
      if (get().stepRuns[key]?.status === 'running') return;
      const kind = confirmed ? 'confirm' : 'take-back';
      const startedAt = Date.now();
      record(key, { kind, startedAt, status: 'running' });
      const answer = await ask(api, 'checklists.confirm', { checklist, step, machine, confirmed });
      if (answer.ok) feed.checklist(answer.result);
      record(key, { kind, startedAt, status: 'finished', finishedAt: Date.now(), ok: answer.ok, message: answer.ok ? null : answer.message });
    },
    fixStep: async (checklist, step, machine) => {
      const key = stepKey(checklist, step, machine);
      if (get().stepRuns[key]?.status === 'running') return;
      const startedAt = Date.now();
      record(key, { kind: 'fix', startedAt, status: 'running' });
      const answer = await ask(api, 'checklists.fix', { checklist, step, machine });
      if (answer.ok) feed.checklist(answer.result.progress);
      const finishedAt = Date.now();
      if (!answer.ok) record(key, { kind: 'fix', startedAt, status: 'finished', finishedAt, ok: false, message: answer.message });
      else if (!answer.result.ok) record(key, { kind: 'fix', startedAt, status: 'finished', finishedAt, ok: false, message: errorWords(answer.result.error) });
      else record(key, { kind: 'fix', startedAt, status: 'finished', finishedAt, ok: true, message: null });
    },
    dismissStepRun: (checklist, step, machine) =>
      set((s) => {
        const { [stepKey(checklist, step, machine)]: _read, ...stepRuns } = s.stepRuns;
        return { stepRuns };
      }),
  };
};
