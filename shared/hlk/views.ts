import type { PassProgress, TestTiming } from './pass-progress';
import type { TestHistorySummary } from './test-history-summary';
import type { MachineRole } from '../lab';
import type { OperationError } from '../errors';
import type { PlaylistChoice, PlaylistArchitecture } from './playlists';

/**
 * What the UI shows of HLK Studio's state on the controller: pools and their machines (tied to the lab's
 * machines), the project with its product types and targets, the playlist that fits, and the tests with
 * their roles and the known remedy of a failed one.
 */

/** A failed HLK action. `studioInUse`: HLK Studio is open on the controller, so its API refuses to be used. */
export interface HlkFailure {
  ok: false;
  error: OperationError;
  studioInUse: boolean;
}
export type HlkOutcome<T> = { ok: true; value: T } | HlkFailure;

/** A machine as HLK names it, tied to the lab machine whose computer name it is (if any). */
export interface HlkMachineRef {
  name: string;
  labMachine: string | null;
  role: MachineRole | null;
}

export interface HlkMachineView extends HlkMachineRef {
  status: string;
  lastHeartbeat: string | null;
  platform: { name: string; description: string; architecture: string } | null;
}

export interface HlkPoolView {
  name: string;
  path: string;
  isRoot: boolean;
  isDefault: boolean;
  /** In the order HLK lists them. */
  machines: HlkMachineView[];
}

export interface PoolOrderVerdict {
  /** The lab's pool (readiness.hlk.pool). */
  pool: string;
  /** Every client and support machine is in the pool, the clients listed before the support machine. */
  ok: boolean;
  /** What is wrong, in the operator's words. */
  problems: string[];
  /** Lab machines in the pool that are not Ready. */
  notReady: string[];
}

export interface HlkPoolsView {
  controller: string;
  pools: HlkPoolView[];
  order: PoolOrderVerdict;
  /** Machines moved by hlk.arrangePool, when it ran. */
  moves?: Array<{ machine: string; from: string; to: string }>;
}

export interface HlkTargetView {
  name: string;
  key: string;
  type: string;
  machine: HlkMachineRef;
  features: string[];
  /** The target is the driver under test (its key or name holds the driver's hardware id). */
  isDriver: boolean;
}

export interface HlkProjectView {
  name: string;
  createdAt: string | null;
  modifiedAt: string | null;
  productInstances: Array<{ name: string; platform: { name: string; description: string; architecture: string } | null; pool: string | null }>;
  productTypes: string[];
  hasLan: boolean;
  /** Said plainly when the project lacks LAN: what that costs and the fix. Null when it has LAN. */
  lanAdvice: string | null;
  targets: HlkTargetView[];
  /** Problems with the targets: none for the driver, or the driver on the support machine. */
  targetProblems: string[];
  playlistLoaded: boolean | null;
  counts: { total: number; passed: number; failed: number; running: number; notRun: number };
}

export interface HlkProjectSummary {
  name: string;
  status: string;
  createdAt: string | null;
  modifiedAt: string | null;
  counts: { total: number; passed: number; failed: number; running: number; notRun: number };
}

export interface PlaylistChoiceView extends PlaylistChoice {
  folder: string;
  folderExists: boolean;
  kit: string;
  architecture: PlaylistArchitecture;
  server: boolean;
  /** Where the architecture and edition were read from. */
  basis: string;
}

export interface PlaylistLoadView {
  path: string;
  replaced: boolean | null;
  testsInPlaylist: number;
  testsSelected: number;
  notFound: number;
  project: HlkProjectView;
}

/** A failed test's remedy, as the OpenVPN wiki names it (from the per-test checklists and the knowledge base). */
export interface TestRemedy {
  text: string;
  /** The per-test checklist to walk before running it again. */
  checklist: string;
  knownFailures: Array<{ id: string; title: string; remedy: string }>;
}

export type HlkTestState = 'queued' | 'running' | 'passed' | 'failed' | 'not run' | 'cancelled';

export interface HlkTestView {
  id: string;
  name: string;
  type: string;
  /** In the operator's words, from HLK's status and execution state. */
  state: HlkTestState;
  status: string;
  executionState: string;
  multiMachine: boolean;
  /** Which machine is Client (runs the driver under test) and which is Support. */
  roles: Array<{ role: string; machines: HlkMachineRef[] }>;
  targetMachines: HlkMachineRef[];
  /** Test.EstimatedRuntime in seconds; null when HLK gives none. */
  estimatedSeconds: number | null;
  runs: number;
  /** Its last results in this project (at most 10, oldest first). */
  results: Array<{ status: string; startedAt: string | null; completedAt: string | null }>;
  latest: { status: string; machine: string | null; scheduledAt: string | null; startedAt: string | null; completedAt: string | null } | null;
  /**
   * Its result completed before hlk-assist first read this project's tests (found, not seen happen): a pass
   * from yesterday may not hold for the driver on the machines today. False while queued or running.
   */
  earlierResult: boolean;
  /** Expected time, time running or queued, and whether it is late, hanging or stuck. */
  timing: TestTiming;
  /** This lab's earlier results of the test with the same driver and kit; null before any. */
  history: TestHistorySummary | null;
  /** Known remedy when it failed and the wiki names one. */
  remedy: TestRemedy | null;
  /** Role mix-ups the wiki warns of (the support machine as Client, a client as Support). */
  warnings: string[];
}

export interface HlkTestsView {
  project: string;
  at: string;
  tests: HlkTestView[];
  counts: Record<HlkTestState, number>;
  /** Done, running, queued, left and the ETA, on the controller's clock. */
  progress: PassProgress;
  /** The driver version and kit the history is kept for. */
  driverVersion: string;
  kit: string;
}

/** Pushed as the `hlk` event whenever hlk-assist read or changed HLK's state. */
export interface HlkStateView {
  at: string;
  pools: HlkPoolsView | null;
  project: HlkProjectView | null;
  tests: HlkTestsView | null;
  /** Seconds between test status reads while watching; null when not watching. */
  watchSeconds: number | null;
  /** The last HLK action failed because HLK Studio is open on the controller. */
  studioInUse: boolean;
  error: OperationError | null;
}
