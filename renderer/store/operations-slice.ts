import type { OperationInfo, OperationOutcome } from '../../shared/operations/views';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** The last operation run on a machine from this window. */
export type OperationRun = { operation: string; startedAt: number } & (
  | { status: 'running' }
  | { status: 'finished'; finishedAt: number; outcome: OperationOutcome }
  /** No outcome came back: the request was refused, or the connection to hlk-assist dropped. */
  | { status: 'no-outcome'; finishedAt: number; message: string }
);

export interface OperationsSlice {
  operations: OperationInfo[];
  runs: Record<string, OperationRun>;
  runOperation(machine: string, operation: string, params: Record<string, unknown>): Promise<void>;
}

export const createOperationsSlice: SliceCreator<OperationsSlice> = (set, get, { connection }) => ({
  operations: [],
  runs: {},
  runOperation: async (machine, operation, params) => {
    if (get().runs[machine]?.status === 'running') return;
    const startedAt = Date.now();
    const finish = (run: OperationRun) => set((s) => ({ runs: { ...s.runs, [machine]: run } }));
    finish({ operation, startedAt, status: 'running' });
    const answer = await ask(connection.api, 'operations.run', { machine, operation, params });
    const finishedAt = Date.now();
    finish(
      answer.ok
        ? { operation, startedAt, status: 'finished', finishedAt, outcome: answer.result }
        : { operation, startedAt, status: 'no-outcome', finishedAt, message: answer.message },
    );
  },
});
