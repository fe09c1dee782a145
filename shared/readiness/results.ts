import type { MachineRole } from '../lab';
import type { OperationError } from '../errors';

/**
 * What readiness tells the UI, the CLI and scripts: per machine, every check that applies to its role
 * with its status, the evidence it read, and the fix it offers.
 */

/**
 * pass: ready in this respect. warn: works, but a known risk. fail: the pass will break on it.
 * unknown: the check could not run (machine unreachable, command missing, access denied, timeout,
 * output that does not parse); never read as a pass.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** A one-click fix, exactly as it will run: the operation (see `operations.list` for its script) and its params. */
export interface FixProposal {
  /** The fix's id within its check, e.g. "enable-test-signing". */
  fix: string;
  title: string;
  operation: string;
  /** The machine the operation runs on: the machine itself, or the controller for HLK's own state. */
  runsOn: string;
  params: Record<string, unknown>;
  /** The change takes effect only after a reboot (the check says so until then). */
  needsReboot: boolean;
  /** The fix reboots the machine and waits for it to come back. */
  rebootsMachine: boolean;
}

export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** What was read, in the operator's words; for unknown, why the check could not run. */
  evidence: string;
  fix: FixProposal | null;
  checkedAt: string;
}

export interface MachineReadiness {
  machine: string;
  role: MachineRole;
  /** No check fails or is unknown (warnings allowed); null until the machine was first checked. */
  ready: boolean | null;
  /** One line: "ready", or "not ready: ..." with the first reasons. */
  summary: string;
  /** Checks of this machine are being run now. */
  running: boolean;
  /** The check whose fix is running now, if any. */
  fixing: string | null;
  checkedAt: string | null;
  checks: CheckResult[];
}

export interface ReadinessSnapshot {
  /** Checks of every machine run again at this interval; null when the operator set none. */
  watchIntervalSeconds: number | null;
  machines: MachineReadiness[];
}

export type ReadingSource = 'self' | 'controller' | 'clients' | 'supports';

/** A check as the UI lists it: the static part of every result. */
export interface CheckInfo {
  id: string;
  title: string;
  why: string;
  roles: MachineRole[];
  /** The operation results it reads, and from which machines. */
  reads: Array<{ from: ReadingSource; operation: string }>;
  fixes: Array<{
    id: string;
    title: string;
    operation: string;
    runsOn: 'self' | 'controller';
    needsReboot: boolean;
    rebootsMachine: boolean;
  }>;
}

export interface FixOutcome {
  /** The fix's operation ran without an error (and a rebooted machine came back). */
  ok: boolean;
  /** The check passes (or only warns) when run again after the fix. */
  resolved: boolean;
  /** Why the fix's operation failed, when it did (the check is run again either way). */
  error: OperationError | null;
  /** The operation's result, when it ran. */
  result: unknown;
  elapsedMs: number;
  /** The check after the fix, run again. */
  check: CheckResult | null;
  readiness: MachineReadiness;
}
