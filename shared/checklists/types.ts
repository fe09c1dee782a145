import type { MachineRole } from '../lab';
import type { OperationError } from '../errors';
import type { ResultOf } from '../operations/define';
import type { hlkPools, hlkProject, hlkProjects } from '../operations/hlk';
import type { tapdiagStatus } from '../operations/tapdiag';
import type { ReadinessSettings } from '../readiness/settings';
import type { TapdiagMachineView } from '../tapdiag/views';

/**
 * A checklist is data: steps an operator walks, each saying what to do and why, the machines it applies
 * to, how hlk-assist verifies it on the machines (a readiness check, an operation's answer, or what
 * hlk-assist set with tapdiag), and how it fixes it; a step only a person can do has an instruction and a
 * confirmation instead.
 */

/** The operation answers a verification can read, and where they are read. */
export const checklistReadings = {
  hlkPools: { operation: 'hlk.pools', runsOn: 'controller' },
  hlkProjects: { operation: 'hlk.projects', runsOn: 'controller' },
  hlkProject: { operation: 'hlk.project', runsOn: 'controller' },
  tapdiagStatus: { operation: 'tapdiag.status', runsOn: 'self' },
} as const;
export type ChecklistReading = keyof typeof checklistReadings;

export interface ChecklistReadingValues {
  hlkPools: ResultOf<typeof hlkPools>;
  hlkProjects: ResultOf<typeof hlkProjects>;
  hlkProject: ResultOf<typeof hlkProject>;
  tapdiagStatus: ResultOf<typeof tapdiagStatus>;
}

/** A lab machine as a step sees it: its HLK name is its computer name (null until it was first read). */
export interface StepMachine {
  name: string;
  role: MachineRole;
  computerName: string | null;
}

export interface StepContext {
  settings: ReadinessSettings;
  /** The HLK project the progress is kept for. */
  project: string;
  machine: StepMachine;
  clients: StepMachine[];
  supports: StepMachine[];
  /** What hlk-assist last set with tapdiag on this machine. */
  tapdiag: TapdiagMachineView | null;
}

/** ok: true done, false not done, null could not tell (the evidence says why). */
export interface Judgement {
  ok: boolean | null;
  evidence: string;
}

export type StepVerification =
  /** Done while the readiness check passes on the machine (a warning is the risk the step removes). */
  | { kind: 'check'; check: string }
  /** Done when the operation's answer says so. */
  | {
      [R in ChecklistReading]: { kind: 'reading'; reading: R; describe: string; judge: (value: ChecklistReadingValues[R], ctx: StepContext) => Judgement };
    }[ChecklistReading]
  /** Done when what hlk-assist last set with tapdiag, in this boot, says so. */
  | { kind: 'tapdiag'; describe: string; judge: (ctx: StepContext) => Judgement };

/** Named actions the main process performs for a step (they need more than one operation, or its state). */
export type StepAction = 'tapdiag.enable' | 'tapdiag.q-on' | 'hlk.load-playlist' | 'hlk.set-ready' | 'hlk.create-project';

/** Where each named action runs and the operations it changes the machine with, so the UI can show their scripts before it asks. */
export const stepActionRuns: Record<StepAction, { runsOn: 'self' | 'controller'; operations: readonly string[] }> = {
  'tapdiag.enable': { runsOn: 'self', operations: ['tapdiag.enable'] },
  'tapdiag.q-on': { runsOn: 'self', operations: ['tapdiag.setQ'] },
  'hlk.load-playlist': { runsOn: 'controller', operations: ['hlk.loadPlaylist'] },
  'hlk.set-ready': { runsOn: 'controller', operations: ['hlk.setMachineReady'] },
  'hlk.create-project': { runsOn: 'controller', operations: ['hlk.createProject'] },
};

export type StepFix =
  /** The fix the readiness check offers in its latest result. */
  | { kind: 'check-fix'; check: string; title: string }
  | { kind: 'operation'; operation: string; runsOn: 'self' | 'controller'; title: string; params: (ctx: StepContext) => Record<string, unknown> }
  | { kind: 'action'; action: StepAction; title: string };

export interface ChecklistStep {
  id: string;
  title: string;
  /** What to do and why, for an operator. */
  what: string;
  roles: readonly MachineRole[];
  verification?: StepVerification;
  fix?: StepFix;
  /**
   * Steps (by id) that must be done on the same machine before this step's fix can work: until they are,
   * the fix is not offered and the step says which comes first.
   */
  after?: readonly string[];
  /** Only a person can do it: what to confirm. */
  manual?: { confirmation: string };
}

export interface Checklist {
  id: string;
  title: string;
  kind: 'setup' | 'test';
  /** For a test's checklist: the HLK tests it prepares, by their names in HLK. */
  tests: readonly string[];
  intro: string;
  steps: readonly ChecklistStep[];
  /** For a test's checklist: what to do when the test failed anyway, and the known failures behind it. */
  remedy?: { text: string; knownFailures: readonly string[] };
}

/** A checklist as the UI lists it: the data without the functions. */
export interface ChecklistInfo {
  id: string;
  title: string;
  kind: 'setup' | 'test';
  tests: string[];
  intro: string;
  remedy: { text: string; knownFailures: string[] } | null;
  steps: Array<{
    id: string;
    title: string;
    what: string;
    roles: MachineRole[];
    verification: { kind: 'check'; check: string } | { kind: 'reading'; operation: string; describe: string } | { kind: 'tapdiag'; describe: string } | null;
    fix: {
      title: string;
      operation: string | null;
      /** check-fix: the fix the readiness check's latest result on the machine proposes (its operation and parameters). */
      kind: StepFix['kind'];
      check: string | null;
      runsOn: 'self' | 'controller';
      /** For an operation or action fix: the operations it changes the machine with, in order (operations.list has their scripts). */
      operations: string[];
    } | null;
    manual: { confirmation: string } | null;
  }>;
}

/**
 * A step's state on one machine. done: verified; manual-confirmed: the operator confirmed a step only a
 * person can do; broken: it was done, and its verification fails now; pending: not done yet.
 */
export type StepState = 'done' | 'manual-confirmed' | 'broken' | 'pending';

export interface StepProgress {
  machine: string;
  state: StepState;
  /** What the last verification found (or why it could not tell), or who confirmed and when. */
  evidence: string;
  at: string | null;
  canFix: boolean;
  /** The step to finish first on this machine before the fix can work (its title), or null. */
  fixWaitsFor: string | null;
  needsConfirmation: boolean;
}

export interface ChecklistProgressView {
  lab: string;
  project: string;
  updatedAt: string;
  checklists: Array<{
    id: string;
    title: string;
    kind: 'setup' | 'test';
    done: number;
    total: number;
    steps: Array<{ id: string; title: string; machines: StepProgress[] }>;
  }>;
}

export type ChecklistFixOutcome = { ok: true; progress: ChecklistProgressView } | { ok: false; error: OperationError; progress: ChecklistProgressView };
