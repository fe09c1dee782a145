import { operations } from '../../shared/operations';
import { BOOTSTRAP_SCRIPT, LOOP_FUNCTIONS, LOOP_SCRIPT, encodeRequest } from '../../electron/transport/framing';
import { LOAD_FUNCTIONS_COMMAND, READY_COMMAND, requestCommand } from '../../electron/transport/local-link';

/** Every PowerShell text hlk-assist sends to a machine, named for test output. */
export interface SentPowerShell {
  name: string;
  kind: 'operation' | 'request-loop' | 'bootstrap' | 'local';
  source: string;
}

export const sentPowerShell: readonly SentPowerShell[] = [
  ...operations.map((op) => ({ name: `operation ${op.name}`, kind: 'operation' as const, source: op.script })),
  { name: 'request loop functions (LOOP_FUNCTIONS)', kind: 'request-loop', source: LOOP_FUNCTIONS },
  { name: 'request loop (LOOP_SCRIPT)', kind: 'request-loop', source: LOOP_SCRIPT },
  { name: 'bootstrap (BOOTSTRAP_SCRIPT)', kind: 'bootstrap', source: BOOTSTRAP_SCRIPT },
  { name: 'local link: load the loop functions', kind: 'local', source: LOAD_FUNCTIONS_COMMAND },
  { name: 'local link: ready frame', kind: 'local', source: READY_COMMAND },
  {
    name: 'local link: one request',
    kind: 'local',
    source: requestCommand(encodeRequest({ id: '1', op: 'system.facts', sha: '00', params: { names: ["'; Remove-Item C:\\ -Recurse #"] } }).trimEnd()),
  },
];
