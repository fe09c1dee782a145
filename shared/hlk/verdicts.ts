import type { MachineRole } from '../lab';
import type { ResultOf } from '../operations/define';
import type { hlkPools, hlkProject } from '../operations/hlk';
import { listing } from '../readiness/format';
import type { HlkMachineRef, HlkTestState, PoolOrderVerdict } from './views';

/**
 * Judgements over what HLK's object model answered, shared by the checklists (which verify steps with them)
 * and the HLK views (which show them): the pool's order, the project's product types and targets, a test's
 * state in the operator's words.
 */

export interface LabComputer {
  /** The lab machine's name. */
  name: string;
  role: MachineRole;
  /** Its computer name (what HLK calls it), once read. */
  computerName: string | null;
}

/** HLK may list a machine by its computer name or a qualified name. */
export function sameComputer(hlkName: string, computerName: string): boolean {
  return hlkName.split('.')[0]!.toLowerCase() === computerName.split('.')[0]!.toLowerCase();
}

export function labMachineOf(hlkName: string, lab: readonly LabComputer[]): HlkMachineRef {
  const m = lab.find((x) => x.computerName !== null && sameComputer(hlkName, x.computerName));
  return { name: hlkName, labMachine: m?.name ?? null, role: m?.role ?? null };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The lab's pool holds every client and support machine, the clients listed (joined) before the support machines. */
export function poolOrderVerdict(pools: ResultOf<typeof hlkPools>['pools'], poolName: string, lab: readonly LabComputer[]): PoolOrderVerdict {
  const pool = pools.find((p) => !p.isRoot && sameName(p.name, poolName));
  const wanted = lab.filter((m) => m.role === 'client' || m.role === 'support');
  if (!pool) return { pool: poolName, ok: false, problems: [`HLK has no pool named ${poolName}`], notReady: [] };
  const unread = wanted.filter((m) => m.computerName === null);
  const problems: string[] = [];
  if (unread.length > 0) problems.push(`the computer name of ${listing(unread.map((m) => m.name))} is not known yet (not connected)`);
  const position = (m: LabComputer) => (m.computerName === null ? -1 : pool.machines.findIndex((x) => sameComputer(x.name, m.computerName!)));
  const missing = wanted.filter((m) => m.computerName !== null && position(m) < 0);
  if (missing.length > 0) problems.push(`${listing(missing.map((m) => `${m.computerName} (${m.name})`))} ${missing.length === 1 ? 'is' : 'are'} not in ${pool.path}`);
  const clients = wanted.filter((m) => m.role === 'client' && position(m) >= 0);
  const supports = wanted.filter((m) => m.role === 'support' && position(m) >= 0);
  for (const s of supports) {
    const after = clients.filter((c) => position(c) > position(s));
    if (after.length > 0) {
      problems.push(`${s.computerName} (support) is listed before ${listing(after.map((c) => c.computerName!))}: HLK may take it for a machine with the driver under test; move the clients in first`);
    }
  }
  const notReady = pool.machines
    .filter((x) => wanted.some((m) => m.computerName !== null && sameComputer(x.name, m.computerName)) && x.status !== 'Ready' && x.status !== 'Running')
    .map((x) => `${x.name} is ${x.status}`);
  return { pool: pool.path, ok: problems.length === 0, problems, notReady };
}

/** What the wiki says when a project lacks the LAN product type. */
export const LAN_ADVICE =
  'The project has no LAN product type: the whole pass would only certify an "Other Driver". Add the feature Device.Network.LAN.PM to the TAP adapter\'s target (Selection tab, Device Manager, right-click the TAP adapter), and HLK adds LAN once every LAN feature is there.';

export function hasLan(project: Pick<ResultOf<typeof hlkProject>, 'productTypes'>): boolean {
  return project.productTypes.some((t) => sameName(t, 'LAN'));
}

/** The targets of the driver under test: their key (hardware id) or name holds the driver's hardware id. */
export function isDriverTarget(target: { key: string; name: string }, hardwareId: string): boolean {
  const id = hardwareId.toLowerCase();
  return target.key.toLowerCase().includes(id) || target.name.toLowerCase().includes(id);
}

/** The driver's targets sit on every client, and on no support machine. */
export function targetProblems(project: Pick<ResultOf<typeof hlkProject>, 'targets'>, hardwareId: string, lab: readonly LabComputer[]): string[] {
  const driver = project.targets.filter((t) => isDriverTarget(t, hardwareId));
  const problems: string[] = [];
  if (driver.length === 0) {
    problems.push(`the project has no target for ${hardwareId}: select the TAP adapter on each client in Studio's Selection tab`);
    return problems;
  }
  for (const client of lab.filter((m) => m.role === 'client' && m.computerName !== null)) {
    if (!driver.some((t) => sameComputer(t.machine, client.computerName!))) problems.push(`no ${hardwareId} target on ${client.computerName} (${client.name})`);
  }
  for (const support of lab.filter((m) => m.role === 'support' && m.computerName !== null)) {
    if (driver.some((t) => sameComputer(t.machine, support.computerName!))) {
      problems.push(`a ${hardwareId} target on the support machine ${support.computerName}: HLK would test the support machine's driver; remove that target`);
    }
  }
  return problems;
}

/** A test's state in the operator's words, from HLK's TestResultStatus and ExecutionState. */
export function testState(status: string, executionState: string): HlkTestState {
  if (executionState === 'InQueue' || status === 'InQueue') return 'queued';
  if (executionState === 'Running' || status === 'Running') return 'running';
  switch (status) {
    case 'Passed':
      return 'passed';
    case 'Failed':
      return 'failed';
    case 'Canceled':
      return 'cancelled';
    default:
      return 'not run';
  }
}
