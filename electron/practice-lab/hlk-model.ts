import { createHash } from 'node:crypto';
import { ndisTestBinaries } from '../../shared/readiness/settings';
import { isTapAdapter, type SimulatedHost } from './simulated-host';

/**
 * HLK Studio's object model on the simulated controller: pools and the machines in them (in the order they
 * joined), projects with their targets, features, product types and playlist, the compatibility playlists
 * on disk, and tests whose runs go from InQueue to Running to Passed or Failed on the practice lab's HLK
 * clock. A run's verdict is read off the lab when it finishes, the way the wiki's failures come about:
 * E2EPerf fails while the support adapter advertises less than the client's, 2c_Priority while 802.1Q is
 * off on either machine, 1c_FaultHandling and 1c_Registry while the test share lacks ndprot*.sys, "TDI
 * filters and LSPs" while the client has an Unavailable drive mapping, and LinkCheck waits until tapdiag
 * unplugged and plugged the client's cable (or gives up).
 */

export interface SimulatedPlatform {
  name: string;
  description: string;
  architecture: 'X86' | 'X64' | 'Arm64';
}

/** A machine as HLK's object model lists it. `pool` is the pool's path ($\Default Pool, $\tap-windows6). */
export interface SimulatedHlkMachine {
  name: string;
  pool: string;
  status: 'Ready' | 'NotReady' | 'Initializing' | 'Running';
  lastHeartbeat: string | null;
  platform?: SimulatedPlatform;
}

export interface SimulatedHlkTarget {
  name: string;
  /** The device's hardware id, as Target.Key gives it. */
  key: string;
  machine: string;
  features: string[];
}

export type SimulatedRunStatus = 'InQueue' | 'Running' | 'Passed' | 'Failed' | 'Canceled';

export interface SimulatedHlkRun {
  /** Epoch milliseconds. */
  queuedAt: number;
  client: string;
  support: string | null;
  status: SimulatedRunStatus;
  startedAt?: number;
  completedAt?: number;
  /** The client's tapdiag link changes when the run was queued (LinkCheck counts the ones after). */
  linkChangesAtQueue?: number;
  /** How long this run takes once it runs (the studio's testStepMs when not given). */
  runMs?: number;
  /** The run never finishes: the device stopped answering the test. */
  hangs?: boolean;
}

export interface SimulatedHlkTest {
  id: string;
  name: string;
  multiMachine: boolean;
  /** Test.EstimatedRuntime, the time HLK expects the test to take. */
  estimatedMs: number;
  runs: SimulatedHlkRun[];
  /** HLK's filters were applied to its result (Test.AreFiltersApplied): a known failure accepted. */
  filtersApplied?: boolean;
}

export interface SimulatedHlkProject {
  name: string;
  createdAt: string;
  modifiedAt: string;
  /** Path of the pool its product instance uses; null until a target is selected. */
  pool: string | null;
  platform: SimulatedPlatform | null;
  targets: SimulatedHlkTarget[];
  /** The playlist file loaded into it, if any. */
  playlist: string | null;
  /** Every test the TAP target's features bring in; a loaded playlist narrows what the project shows. */
  tests: SimulatedHlkTest[];
}

/** A compatibility playlist file on the controller's disk. */
export interface SimulatedPlaylist {
  path: string;
  /** How many tests it names in all (for every kind of device). */
  testCount: number;
  /** The tests of this lab's project it names. */
  includes: string[];
}

/** HLK Studio on the controller: its folder (WTTSTDIO), connect.xml, and what its database holds. */
export interface SimulatedHlkStudio {
  directory: string;
  missingAssemblies: string[];
  controller: string;
  database: string;
  /** Every machine HLK knows; within a pool, in the order the machines joined it. */
  machines: SimulatedHlkMachine[];
  /** Pools under the root pool, by name (the default pool is always there). */
  pools: string[];
  projects: SimulatedHlkProject[];
  /** Every feature the kit knows (ProjectManager.GetFeatures). */
  features: string[];
  playlists: SimulatedPlaylist[];
  /** HLKStudio.exe is running on the controller: the object model refuses to be used. */
  inUse: boolean;
  /** An older kit, whose object model has no PlaylistManager.IsPlaylistLoaded. */
  olderKit?: boolean;
  /** How long a queued test waits before it runs, and how long it runs: the practice lab's HLK clock. */
  testStepMs: number;
  /** Machines that leave Ready at a moment of HLK time (epoch ms) and stop sending heartbeats. */
  machineDrops?: Array<{ machine: string; at: number }>;
}

export const ROOT_POOL = '$';
export const DEFAULT_POOL = '$\\Default Pool';
export const poolPath = (name: string) => `${ROOT_POOL}\\${name}`;

export const LAN_BASE = 'Device.Network.LAN.Base';
export const LAN_PM = 'Device.Network.LAN.PM';

export const server2019Platform: SimulatedPlatform = {
  name: 'Windows Server 2019',
  description: 'Windows Server 2019 x64',
  architecture: 'X64',
};

/** The LAN tests of this practice lab, by their names in Microsoft's HLK test reference. */
/**
 * The LAN tests of this practice lab, by their names in Microsoft's HLK test reference, with the minutes HLK
 * estimates each takes (Test.EstimatedRuntime; the practice lab's own figures within the 5 to 60 minutes
 * Microsoft gives for NDIS tests).
 */
export const lanTests = {
  linkCheck: { name: 'NDISTest 6.5 - [2 Machine] - LinkCheck', multiMachine: true, minutes: 15 },
  priority: { name: 'NDISTest 6.0 - [2 Machine] - 2c_Priority', multiMachine: true, minutes: 20 },
  addressChange: { name: 'NDISTest 6.5 - [2 Machine] - AddressChange', multiMachine: true, minutes: 10 },
  e2ePerf: { name: 'NDISTest 6.5 - [2 Machine] - E2EPerf', multiMachine: true, minutes: 30 },
  faultHandling: { name: 'NDISTest 6.0 - [1 Machine] - 1c_FaultHandling', multiMachine: false, minutes: 45 },
  registry: { name: 'NDISTest 6.0 - [1 Machine] - 1c_Registry', multiMachine: false, minutes: 15 },
  mini6Stress: { name: 'NDISTest 6.0 - [2 Machine] - 2c_Mini6Stress', multiMachine: true, minutes: 60 },
  tdiFilters: { name: 'TDI filters and LSPs are not allowed', multiMachine: false, minutes: 5 },
  staticTools: { name: 'Static Tools Logo Test', multiMachine: false, minutes: 5 },
  checkConnectivity: { name: 'NDISTest 6.5 - [2 Machine] - CheckConnectivity', multiMachine: true, minutes: 10 },
  standardizedKeywords: { name: 'NDISTest 6.5 - [1 Machine] - StandardizedKeywords', multiMachine: false, minutes: 5 },
  offloadLso: { name: 'NDISTest 6.5 - [2 Machine] - OffloadLSO', multiMachine: true, minutes: 30 },
} as const;
export type LanTest = keyof typeof lanTests;

/** A stable GUID for a test name, so a test keeps its id from one start of the practice lab to the next. */
export function testId(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function lanTestList(runs: Partial<Record<LanTest, SimulatedHlkRun[]>> = {}): SimulatedHlkTest[] {
  return (Object.keys(lanTests) as LanTest[]).map((key) => ({
    id: testId(lanTests[key].name),
    name: lanTests[key].name,
    multiMachine: lanTests[key].multiMachine,
    estimatedMs: lanTests[key].minutes * 60_000,
    runs: runs[key] ?? [],
  }));
}

const serverPlaylistTests = (Object.keys(lanTests) as LanTest[]).filter((k) => k !== 'offloadLso').map((k) => lanTests[k].name);
const desktopPlaylistTests = (Object.keys(lanTests) as LanTest[])
  .filter((k) => !['offloadLso', 'staticTools', 'mini6Stress'].includes(k))
  .map((k) => lanTests[k].name);

/** Microsoft's compatibility playlists as an operator unzips them, in the lab's playlist folder. */
export function compatPlaylists(folder: string): SimulatedPlaylist[] {
  const at = (file: string) => `${folder.replace(/\\+$/, '')}\\${file}`;
  return [
    { path: at('HLK Version 1809 CompatPlaylist x64 Server.xml'), testCount: 1412, includes: serverPlaylistTests },
    { path: at('HLK Version 1809 CompatPlaylist x86 x64 ARM64.xml'), testCount: 2206, includes: desktopPlaylistTests },
    { path: at('HLK Version 1903 CompatPlaylist x86 x64 ARM64.xml'), testCount: 2291, includes: desktopPlaylistTests },
    { path: at('HLK Version 2004 CompatPlaylist x64 Server.xml'), testCount: 1503, includes: serverPlaylistTests },
  ];
}

/** A finished run some time ago, that ran `minutes` (19 by default). */
export function pastRun(status: 'Passed' | 'Failed', client: string, support: string | null, hoursAgo: number, minutes = 19): SimulatedHlkRun {
  const queuedAt = Date.now() - hoursAgo * 3600_000;
  return { queuedAt, client, support, status, startedAt: queuedAt + 60_000, completedAt: queuedAt + (1 + minutes) * 60_000 };
}

export function isDriverTarget(target: SimulatedHlkTarget): boolean {
  return target.key.toLowerCase().includes('tap0901');
}

/** The product types HLK detects: LAN once a TAP target has every LAN feature (Base and PM here). */
export function productTypes(project: SimulatedHlkProject): string[] {
  return project.targets.some((t) => isDriverTarget(t) && t.features.includes(LAN_BASE) && t.features.includes(LAN_PM)) ? ['LAN'] : [];
}

/** The tests the project shows: none without a driver target, the playlist's once one is loaded. */
export function visibleTests(studio: SimulatedHlkStudio, project: SimulatedHlkProject): SimulatedHlkTest[] {
  if (!project.targets.some(isDriverTarget)) return [];
  if (!project.playlist) return project.tests;
  const playlist = studio.playlists.find((p) => p.path.toLowerCase() === project.playlist!.toLowerCase());
  return project.tests.filter((t) => playlist?.includes.includes(t.name));
}

/** Test.Status: the latest run's status, NotRun without one. */
export function testStatus(test: SimulatedHlkTest): string {
  return test.runs[test.runs.length - 1]?.status ?? 'NotRun';
}

/** Test.ExecutionState. */
export function executionState(test: SimulatedHlkTest): 'InQueue' | 'Running' | 'NotRunning' {
  const status = test.runs[test.runs.length - 1]?.status;
  return status === 'InQueue' || status === 'Running' ? status : 'NotRunning';
}

/**
 * Moves the pass along the HLK clock to `now`: machines due to drop out of Ready do; a Ready machine's
 * heartbeat is fresh, a dropped one's stays where it stopped. Each client machine runs one test at a time,
 * in the order they were queued (a queued test starts a step after it was queued, or when the one before it
 * on that machine ends); a machine that is not Ready starts nothing new. A run takes its own time (runMs, a
 * step by default), a hanging one never ends, and each verdict is read off the lab as it finishes.
 */
export function advanceTests(studio: SimulatedHlkStudio, controller: SimulatedHost, peers: readonly SimulatedHost[], now = Date.now()): void {
  for (const drop of studio.machineDrops ?? []) {
    const machine = studio.machines.find((m) => m.name.toLowerCase() === drop.machine.toLowerCase());
    if (machine && now >= drop.at && machine.status !== 'NotReady') {
      machine.status = 'NotReady';
      machine.lastHeartbeat = new Date(drop.at).toISOString();
    }
  }
  const dropped = new Set((studio.machineDrops ?? []).filter((d) => now >= d.at).map((d) => d.machine.toLowerCase()));
  for (const m of studio.machines) if (m.status !== 'NotReady' && !dropped.has(m.name.toLowerCase()) && m.pool !== DEFAULT_POOL) m.lastHeartbeat = new Date(now).toISOString();
  const lanes = new Map<string, Array<{ test: SimulatedHlkTest; run: SimulatedHlkRun }>>();
  for (const project of studio.projects) {
    for (const test of project.tests) {
      const run = test.runs[test.runs.length - 1];
      if (!run || (run.status !== 'InQueue' && run.status !== 'Running')) continue;
      const lane = lanes.get(run.client.toLowerCase()) ?? [];
      lane.push({ test, run });
      lanes.set(run.client.toLowerCase(), lane);
    }
  }
  const step = studio.testStepMs;
  for (const [client, lane] of lanes) {
    lane.sort((a, b) => a.run.queuedAt - b.run.queuedAt);
    const machine = studio.machines.find((m) => m.name.toLowerCase() === client);
    // From when the machine is not Ready: its drop's time, or always when it was not Ready to begin with.
    const drop = (studio.machineDrops ?? []).find((d) => d.machine.toLowerCase() === client);
    const notReadyFrom = drop && now >= drop.at ? drop.at : machine?.status === 'NotReady' ? -Infinity : Infinity;
    let freeAt = -Infinity;
    for (const { test, run } of lane.sort((a, b) => Number(b.run.status === 'Running') - Number(a.run.status === 'Running'))) {
      if (run.status === 'InQueue') {
        const startAt = Math.max(run.queuedAt + step, freeAt);
        if (now < startAt || startAt >= notReadyFrom) break;
        run.status = 'Running';
        run.startedAt = startAt;
      }
      const endedAt = settle(test, run, controller, peers, now);
      if (endedAt === null) break;
      freeAt = endedAt;
    }
  }
}

/** Finishes a running run whose time is up; the time it ended, or null while it still runs. */
function settle(test: SimulatedHlkTest, run: SimulatedHlkRun, controller: SimulatedHost, peers: readonly SimulatedHost[], now: number): number | null {
  const startedAt = run.startedAt ?? run.queuedAt;
  if (run.hangs) return null;
  const step = run.runMs;
  if (test.name === lanTests.linkCheck.name) {
    // LinkCheck waits, message box by message box, for the cable to be pulled and plugged back in.
    const client = byComputerName(peers, run.client);
    const cycled = client !== undefined && client.tapDriver.linkChanges - (run.linkChangesAtQueue ?? 0) >= 2 && client.tapDriver.link === 'on';
    const giveUp = startedAt + 19 * (step ?? runStep(controller));
    if (cycled) finish(run, 'Passed', Math.min(now, giveUp));
    else if (now >= giveUp) finish(run, 'Failed', giveUp);
    else return null;
    return run.completedAt!;
  }
  const endAt = startedAt + (step ?? runStep(controller));
  if (now < endAt) return null;
  finish(run, verdict(test.name, run, controller, peers), endAt);
  return endAt;
}

function runStep(controller: SimulatedHost): number {
  return controller.hlkStudio?.testStepMs ?? 5000;
}

/** The hlk.* operations that use the object model (hlk.playlists only lists files). */
export const usesObjectModel = (op: string) => op.startsWith('hlk.') && op !== 'hlk.playlists';

/**
 * The lab around HLK before an object-model operation: the HLK clock moves on (when the object model can be
 * used at all). Both engines call it, so tests run alike whichever answers.
 */
export function moveHlkClock(controller: SimulatedHost, peers: readonly SimulatedHost[], now = Date.now()): void {
  const studio = controller.hlkStudio;
  if (studio && !studio.inUse && studio.missingAssemblies.length === 0) advanceTests(studio, controller, peers, now);
}

/** After an object-model operation: a run queued since is stamped with its client's tapdiag link changes (LinkCheck counts the ones after). */
export function stampQueuedRuns(controller: SimulatedHost, peers: readonly SimulatedHost[]): void {
  for (const project of controller.hlkStudio?.projects ?? []) {
    for (const test of project.tests) {
      for (const run of test.runs) {
        if (run.status === 'InQueue' && run.linkChangesAtQueue === undefined) run.linkChangesAtQueue = byComputerName(peers, run.client)?.tapDriver.linkChanges ?? 0;
      }
    }
  }
}

function finish(run: SimulatedHlkRun, status: 'Passed' | 'Failed', at: number): void {
  run.status = status;
  run.completedAt = at;
}

export function byComputerName(peers: readonly SimulatedHost[], name: string | null): SimulatedHost | undefined {
  if (name === null) return undefined;
  return peers.find((h) => h.system.computerName.toLowerCase() === name.toLowerCase());
}

function tapOf(host: SimulatedHost | undefined) {
  return host?.adapters.find(isTapAdapter);
}

function verdict(name: string, run: SimulatedHlkRun, controller: SimulatedHost, peers: readonly SimulatedHost[]): 'Passed' | 'Failed' {
  const client = byComputerName(peers, run.client);
  const support = byComputerName(peers, run.support);
  switch (name) {
    case lanTests.e2ePerf.name: {
      const mine = tapOf(client)?.linkSpeedBps ?? 0;
      const theirs = tapOf(support)?.linkSpeedBps ?? 0;
      return theirs >= mine && mine > 0 ? 'Passed' : 'Failed';
    }
    case lanTests.priority.name:
      return [client, support].every((h) => h !== undefined && h.tapDriver.q !== 'off') ? 'Passed' : 'Failed';
    case lanTests.faultHandling.name:
    case lanTests.registry.name: {
      const share = controller.shares.find((s) => s.name.toLowerCase() === 'tests');
      const holds = new Set((share?.holds ?? []).map((f) => f.toLowerCase()));
      return ndisTestBinaries.every((f) => holds.has(f.toLowerCase())) ? 'Passed' : 'Failed';
    }
    case lanTests.tdiFilters.name:
      return client !== undefined && !client.driveMappings.some((m) => m.status === 'Unavailable') ? 'Passed' : 'Failed';
    default:
      return client !== undefined ? 'Passed' : 'Failed';
  }
}
