import type { OperationDefinition } from './define';
import { systemBootTime, systemFacts, systemReboot } from './system';
import { servicesEnsureRunning, servicesRestart, servicesStatus, servicesStop } from './services';
import { networkAdapters, networkRenameAdapters } from './network';
import { readinessController, readinessMachine, readinessReachability } from './readiness';
import {
  hlkAddFeature,
  hlkArrangePool,
  hlkCreatePool,
  hlkCreateProject,
  hlkLoadPlaylist,
  hlkMachines,
  hlkPlaylists,
  hlkPools,
  hlkProject,
  hlkProjects,
  hlkRerunTest,
  hlkSetMachineReady,
  hlkTests,
} from './hlk';
import { tapdiagEnable, tapdiagSetLink, tapdiagSetQ, tapdiagStatus } from './tapdiag';
import { signingEnableTestSigning, signingImportCertificate } from './signing';
import { driverInstall, driverRemovePackages } from './driver';
import { signingAttestationCab, signingDriverReport } from './driver-package';
import { hlkSubmissionTests } from './hlk-submission';
import { hvciEnable, hvciStatus } from './hvci';
import { sharesRemoveMappings } from './shares';
import { logsHashFiles, logsPrepare, logsRemoveStaging } from './logs';

/** Every operation hlk-assist can run, by name. The simulated lab has a behaviour for each. */
const everyOperation = [
  systemFacts,
  systemBootTime,
  systemReboot,
  servicesStatus,
  servicesRestart,
  servicesEnsureRunning,
  servicesStop,
  networkAdapters,
  networkRenameAdapters,
  readinessMachine,
  readinessReachability,
  readinessController,
  hlkMachines,
  hlkSetMachineReady,
  hlkPools,
  hlkCreatePool,
  hlkArrangePool,
  hlkProjects,
  hlkCreateProject,
  hlkProject,
  hlkAddFeature,
  hlkPlaylists,
  hlkLoadPlaylist,
  hlkTests,
  hlkRerunTest,
  hlkSubmissionTests,
  tapdiagStatus,
  tapdiagEnable,
  tapdiagSetLink,
  tapdiagSetQ,
  signingEnableTestSigning,
  signingImportCertificate,
  signingDriverReport,
  signingAttestationCab,
  driverRemovePackages,
  driverInstall,
  hvciStatus,
  hvciEnable,
  sharesRemoveMappings,
  logsPrepare,
  logsHashFiles,
  logsRemoveStaging,
] as const;

export const operations: readonly OperationDefinition[] = everyOperation;

/** One of hlk-assist's operations, with its own parameter and result types. */
export type Operation = (typeof everyOperation)[number];
export type OperationName = Operation['name'];

const byName = new Map(operations.map((op) => [op.name, op]));

export function findOperation(name: string): OperationDefinition | undefined {
  return byName.get(name);
}
