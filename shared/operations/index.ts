import type { OperationDefinition } from './define';
import { systemBootTime, systemFacts, systemReboot } from './system';
import { servicesRestart, servicesStatus } from './services';
import { networkAdapters } from './network';
import { logsHashFiles, logsPrepare, logsRemoveStaging } from './logs';

/** Every operation hlk-assist can run, by name. The simulated lab has a behaviour for each. */
export const operations: readonly OperationDefinition[] = [
  systemFacts,
  systemBootTime,
  systemReboot,
  servicesStatus,
  servicesRestart,
  networkAdapters,
  logsPrepare,
  logsHashFiles,
  logsRemoveStaging,
];

const byName = new Map(operations.map((op) => [op.name, op]));

export function findOperation(name: string): OperationDefinition | undefined {
  return byName.get(name);
}
