import type { CheckInfo, FixOutcome, FixProposal, MachineReadiness } from '../../shared/readiness/results';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** A fix asked for from this window: under way, its outcome, or why there was none. */
export type FixRun = { machine: string; check: string; fix: FixProposal; startedAt: number } & (
  | { status: 'running' }
  | { status: 'finished'; finishedAt: number; outcome: FixOutcome }
  | { status: 'no-outcome'; finishedAt: number; message: string }
);

export type ReadinessRequestKind = 'run' | 'watch';

export interface ReadinessSlice {
  /** Each machine's latest readiness, as hlk-assist pushed it. */
  readiness: Record<string, MachineReadiness>;
  /** Every check hlk-assist knows: title, why it matters, roles. */
  checkCatalogue: CheckInfo[];
  watchIntervalSeconds: number | null;
  /** The operator's last readiness request from this window, and why it failed. */
  readinessRequest: { doing: ReadinessRequestKind | null; error: string | null };
  /** Fixes by `machine/check`. */
  fixes: Record<string, FixRun>;
  /** Every check, one machine's, or one check on every machine it applies to. */
  runChecks(scope: { machine?: string; check?: string }): Promise<void>;
  /** Runs the fix the operator confirmed (`fix`, as shown to them) through readiness.fix. */
  fixCheck(machine: string, check: string, fix: FixProposal): Promise<void>;
  /** The operator has read the fix's outcome: its row takes its place among the others again. */
  dismissFix(machine: string, check: string): void;
  setWatchInterval(seconds: number | null): Promise<void>;
}

export const fixKey = (machine: string, check: string) => `${machine}/${check}`;

export const createReadinessSlice: SliceCreator<ReadinessSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  return {
    readiness: {},
    checkCatalogue: [],
    watchIntervalSeconds: null,
    readinessRequest: { doing: null, error: null },
    fixes: {},
    runChecks: async (scope) => {
      set({ readinessRequest: { doing: 'run', error: null } });
      const answer = await ask(api, 'readiness.run', scope);
      if (answer.ok) feed.readiness(answer.result);
      set({ readinessRequest: { doing: null, error: answer.ok ? null : answer.message } });
    },
    setWatchInterval: async (seconds) => {
      set({ readinessRequest: { doing: 'watch', error: null } });
      const answer = await ask(api, 'readiness.setWatchInterval', { seconds });
      if (answer.ok) feed.readiness(answer.result);
      set({ readinessRequest: { doing: null, error: answer.ok ? null : answer.message } });
    },
    dismissFix: (machine, check) =>
      set((s) => {
        const { [fixKey(machine, check)]: _done, ...fixes } = s.fixes;
        return { fixes };
      }),
    fixCheck: async (machine, check, fix) => {
      const key = fixKey(machine, check);
      if (get().fixes[key]?.status === 'running') return;
      const startedAt = Date.now();
      const record = (run: FixRun) => set((s) => ({ fixes: { ...s.fixes, [key]: run } }));
      record({ machine, check, fix, startedAt, status: 'running' });
      const answer = await ask(api, 'readiness.fix', { machine, check });
      const finishedAt = Date.now();
      if (answer.ok) feed.machineReadiness(answer.result.readiness);
      record(
        answer.ok
          ? { machine, check, fix, startedAt, status: 'finished', finishedAt, outcome: answer.result }
          : { machine, check, fix, startedAt, status: 'no-outcome', finishedAt, message: answer.message },
      );
    },
  };
};
