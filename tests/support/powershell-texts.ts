import { operations } from '../../shared/operations';
import { BOOTSTRAP_SCRIPT, LOOP_FUNCTIONS, LOOP_SCRIPT } from '../../electron/transport/framing';

/** Every PowerShell text hlk-assist sends to a machine, named for test output. */
export interface SentPowerShell {
  name: string;
  kind: 'operation' | 'request-loop' | 'bootstrap';
  source: string;
}

export const sentPowerShell: readonly SentPowerShell[] = [
  ...operations.map((op) => ({ name: `operation ${op.name}`, kind: 'operation' as const, source: op.script })),
  { name: 'request loop functions (LOOP_FUNCTIONS)', kind: 'request-loop', source: LOOP_FUNCTIONS },
  { name: 'request loop (LOOP_SCRIPT)', kind: 'request-loop', source: LOOP_SCRIPT },
  { name: 'bootstrap (BOOTSTRAP_SCRIPT)', kind: 'bootstrap', source: BOOTSTRAP_SCRIPT },
];
