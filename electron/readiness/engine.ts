import type { OperationDefinition } from '../../shared/operations/define';
import type { MachineRole, MachineView } from '../../shared/lab';
import { OperationFailure, type OperationError } from '../../shared/errors';
import { findOperation } from '../../shared/operations';
import { checks, checksFor, findCheck, type CheckDefinition, type CheckInput, type Verdict } from '../../shared/readiness/checks';
import {
  CannotCheck,
  driverAdapters,
  firstReadings,
  MachineReadings,
  readingOperations,
  readingParams,
  type ReadinessContext,
  type ReadingName,
  type ReadingOutcome,
} from '../../shared/readiness/readings';
import type { CheckInfo, CheckResult, FixOutcome, FixProposal, MachineReadiness, ReadinessSnapshot, ReadingSource } from '../../shared/readiness/results';
import type { ReadinessSettings } from '../../shared/readiness/settings';
import type { Machine } from '../machines/machine';

/**
 * Runs the readiness checks of a lab: reads what the checks need from each machine in as few round
 * trips as it can (one gathering operation per machine, then the reachability probes, all machines in
 * parallel), judges every check with its pure function, and keeps the latest result of each. A check
 * that cannot run is unknown with the reason; it never stops the other checks. It runs fixes, waits for
 * a machine a fix rebooted, and runs the checks again afterwards; with autoRecheck it also runs them
 * when a machine reconnects or reboots, and on the operator's watch interval.
 */

export interface ReadinessEngineOptions {
  machines: readonly Machine[];
  /** The lab's settings and certificate, worked out again for every run. */
  context: () => Promise<ReadinessContext>;
  /** A machine's readiness changed (results, running, fixing). */
  changed: (readiness: MachineReadiness) => void;
  /** A fix ran (for the journal). */
  record?: (machine: string, text: string) => void;
  /** Run the checks of a machine again when it reconnects, reboots or goes away. */
  autoRecheck?: boolean;
  /** Time limit of each reading operation; each operation's own by default. */
  operationTimeoutMs?: number;
  /** How long a reboot fix waits for the machine to come back. */
  rebootWaitMs?: number;
  /** Another machine's reading this recent is used as it is, not read again. */
  referenceMaxAgeMs?: number;
  /** Reconnects close together are checked in one run. */
  recheckDelayMs?: number;
}

export class ReadinessError extends Error {
  constructor(
    readonly code: 'unknown-machine' | 'invalid-request',
    message: string,
  ) {
    super(message);
    this.name = 'ReadinessError';
  }
}

interface Target {
  machine: Machine;
  checks: CheckDefinition[];
  /**
   * What its checks read is read again, its own readings and other machines' alike. Otherwise (checks
   * run again because another machine reconnected) what was read in the last seconds is used.
   */
  fresh: boolean;
}

const SUMMARY_REASONS = 3;

/** The static part of every check, for the UI. */
export function checkCatalogue(): CheckInfo[] {
  return checks.map((c) => ({
    id: c.id,
    title: c.title,
    why: c.why,
    roles: [...c.roles],
    reads: c.reads.map((r) => ({ from: r.from, operation: readingOperations[r.reading].name })),
    fixes: c.fixes.map((f) => ({ ...f })),
  }));
}

export class ReadinessEngine {
  private readonly machines: readonly Machine[];
  private readonly results = new Map<string, Map<string, CheckResult>>();
  private readonly checkedAt = new Map<string, string>();
  private readonly running = new Map<string, number>();
  private readonly fixing = new Map<string, string>();
  private readonly outcomes = new Map<string, Partial<Record<ReadingName, ReadingOutcome>>>();
  private readonly takenAt = new Map<string, { at: number; run: number }>();
  private readonly inFlight = new Map<string, Promise<ReadingOutcome>>();
  private readonly seen = new Map<string, string>();
  private readonly rebootWaiters = new Set<(view: MachineView) => void>();
  private readonly pendingRechecks = new Set<string>();
  private recheckTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private watchSeconds: number | null = null;
  private fullRun: Promise<ReadinessSnapshot> | null = null;
  private nextRun = 1;
  private disposed = false;

  constructor(private readonly options: ReadinessEngineOptions) {
    this.machines = options.machines;
    for (const m of this.machines) this.seen.set(m.name, m.connectionState);
  }

  snapshot(): ReadinessSnapshot {
    return { watchIntervalSeconds: this.watchSeconds, machines: this.machines.map((m) => this.readiness(m)) };
  }

  /** Runs every check of every machine, the checks of one machine, or one check (on one machine or on all it applies to). */
  async run(scope: { machine?: string; check?: string } = {}): Promise<ReadinessSnapshot> {
    const check = scope.check === undefined ? undefined : this.check(scope.check);
    const machines = scope.machine === undefined ? [...this.machines] : [this.machine(scope.machine)];
    if (check && scope.machine !== undefined && !check.roles.includes(machines[0]!.config.role)) {
      throw new ReadinessError('invalid-request', `the check ${check.id} does not apply to ${machines[0]!.name} (a ${machines[0]!.config.role})`);
    }
    const targets = machines
      .map((machine) => ({ machine, checks: check ? (check.roles.includes(machine.config.role) ? [check] : []) : checksFor(machine.config.role), fresh: true }))
      .filter((t) => t.checks.length > 0);
    const everything = scope.machine === undefined && scope.check === undefined;
    if (everything && this.fullRun) return this.fullRun;
    const done = this.evaluate(targets).then(() => this.snapshot());
    if (everything) {
      this.fullRun = done;
      void done.finally(() => {
        if (this.fullRun === done) this.fullRun = null;
      }).catch(() => undefined);
    }
    return done;
  }

  /** Runs the fix the check's latest result offers, exactly as shown, then the machine's checks again. */
  async fix(machineName: string, checkId: string): Promise<FixOutcome> {
    const machine = this.machine(machineName);
    const check = this.check(checkId);
    if (!check.roles.includes(machine.config.role)) {
      throw new ReadinessError('invalid-request', `the check ${check.id} does not apply to ${machine.name} (a ${machine.config.role})`);
    }
    const current = this.results.get(machine.name)?.get(check.id);
    const proposal = current?.fix;
    if (!proposal) {
      throw new ReadinessError(
        'invalid-request',
        current ? `${check.id} on ${machine.name} offers no fix (it is ${current.status})` : `${check.id} has not run on ${machine.name} yet: run the check first`,
      );
    }
    if (this.fixing.has(machine.name)) {
      throw new ReadinessError('invalid-request', `a fix is already running on ${machine.name} (${this.fixing.get(machine.name)})`);
    }
    const runsOn = this.machine(proposal.runsOn);
    const op = findOperation(proposal.operation);
    if (!op) throw new ReadinessError('invalid-request', `there is no operation ${proposal.operation}`);
    const started = Date.now();
    this.fixing.set(machine.name, check.id);
    this.emit(machine);
    let error: OperationError | null = null;
    let result: unknown = null;
    try {
      const bootBefore = runsOn.view().facts?.lastBootTime ?? null;
      if (proposal.rebootsMachine) runsOn.expectReboot();
      try {
        result = await runsOn.run(op, proposal.params);
      } catch (e) {
        const failure = e instanceof OperationFailure ? e.info : { kind: 'script-error' as const, message: (e as Error).message };
        // A reboot may cut the answer off; the machine coming back with a new boot time is the proof.
        if (!(proposal.rebootsMachine && (failure.kind === 'host-rebooted' || failure.kind === 'connection-lost'))) error = failure;
      }
      if (!error && proposal.rebootsMachine) {
        const back = await this.waitForReboot(runsOn, bootBefore);
        if (!back) {
          error = {
            kind: 'timeout',
            message: `${runsOn.name} did not come back from the reboot within ${Math.round(this.rebootWaitMs / 1000)} s`,
            machine: runsOn.name,
            operation: op.name,
          };
        }
      }
      this.options.record?.(runsOn.name, `${proposal.title} (for ${check.title} on ${machine.name}): ${error ? `failed (${error.kind}): ${error.message}` : 'done'}`);
      this.invalidate(runsOn.name);
      this.invalidate(machine.name);
      await this.evaluate([{ machine, checks: checksFor(machine.config.role), fresh: true }]);
    } finally {
      this.fixing.delete(machine.name);
      this.emit(machine);
    }
    const after = this.results.get(machine.name)?.get(check.id) ?? null;
    return {
      ok: error === null,
      resolved: after !== null && (after.status === 'pass' || after.status === 'warn'),
      error,
      result,
      elapsedMs: Date.now() - started,
      check: after,
      readiness: this.readiness(machine),
    };
  }

  /** Runs every check again every `seconds`, or stops doing so (null). */
  setWatchInterval(seconds: number | null): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    this.watchSeconds = seconds;
    if (seconds === null || this.disposed) return;
    this.watchTimer = setInterval(() => {
      void this.run().catch(() => undefined);
    }, seconds * 1000);
    this.watchTimer.unref?.();
  }

  /** Told of every change of a machine's view: reconnects and reboots trigger checks, and reboot fixes wait for them. */
  machineChanged(view: MachineView): void {
    for (const waiter of [...this.rebootWaiters]) waiter(view);
    const before = this.seen.get(view.name);
    this.seen.set(view.name, view.state);
    if (!this.options.autoRecheck || this.disposed || before === view.state) return;
    if (view.state === 'connected' || before === 'connected') {
      // What was read before a reconnect (or a reboot) may no longer hold.
      this.invalidate(view.name);
      this.pendingRechecks.add(view.name);
      if (!this.recheckTimer) {
        this.recheckTimer = setTimeout(() => this.recheckPending(), this.options.recheckDelayMs ?? 300);
        this.recheckTimer.unref?.();
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.setWatchInterval(null);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
    this.rebootWaiters.clear();
  }

  private get rebootWaitMs(): number {
    return this.options.rebootWaitMs ?? 10 * 60_000;
  }

  private recheckPending(): void {
    this.recheckTimer = null;
    if (this.disposed) return;
    const changed = this.machines.filter((m) => this.pendingRechecks.has(m.name));
    this.pendingRechecks.clear();
    const changedRoles = new Set(changed.map((m) => m.config.role));
    const targets: Target[] = [];
    for (const machine of this.machines) {
      if (changed.includes(machine)) {
        targets.push({ machine, checks: checksFor(machine.config.role), fresh: true });
        continue;
      }
      // Checks elsewhere that read from a machine that changed: a support's comparisons, a client's HLK status.
      const dependent = checksFor(machine.config.role).filter((c) => c.reads.some((r) => r.from !== 'self' && changedRoles.has(roleOf(r.from))));
      if (dependent.length > 0 && this.results.has(machine.name)) targets.push({ machine, checks: dependent, fresh: false });
    }
    void this.evaluate(targets).catch(() => undefined);
  }

  private waitForReboot(machine: Machine, bootBefore: string | null): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (view: MachineView) => {
        if (view.name !== machine.name || view.state !== 'connected' || !view.facts) return;
        if (bootBefore !== null && view.facts.lastBootTime === bootBefore) return;
        finish(true);
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.rebootWaiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), this.rebootWaitMs);
      this.rebootWaiters.add(check);
      // It may be back already: an answer cut off by the reboot only fails once the machine returned.
      check(machine.view());
    });
  }

  private async evaluate(targets: Target[]): Promise<void> {
    if (targets.length === 0) return;
    const run = this.nextRun++;
    for (const t of targets) this.running.set(t.machine.name, (this.running.get(t.machine.name) ?? 0) + 1);
    for (const t of targets) this.emit(t.machine);
    try {
      const context = await this.options.context();
      const needed = this.neededReadings(targets);
      const supports = this.machines.filter((m) => m.config.role === 'support');
      // First the machines' own facts, then what depends on them (reachability pings the support's TAP address).
      await Promise.all(
        [...needed]
          .filter(([, n]) => firstReadings.includes(n.reading))
          .map(([, n]) => this.take(n.machine, n.reading, context, n.fresh, run, supports)),
      );
      await Promise.all(
        [...needed]
          .filter(([, n]) => !firstReadings.includes(n.reading))
          .map(([, n]) => this.take(n.machine, n.reading, context, n.fresh, run, supports)),
      );
      const now = Date.now();
      const at = new Date(now).toISOString();
      for (const t of targets) {
        const input = this.input(t.machine, context, now);
        const stored = this.results.get(t.machine.name) ?? new Map<string, CheckResult>();
        for (const check of t.checks) stored.set(check.id, this.judge(check, input, at));
        this.results.set(t.machine.name, stored);
        this.checkedAt.set(t.machine.name, at);
      }
    } finally {
      for (const t of targets) {
        const left = (this.running.get(t.machine.name) ?? 1) - 1;
        if (left > 0) this.running.set(t.machine.name, left);
        else this.running.delete(t.machine.name);
      }
      for (const t of targets) this.emit(t.machine);
    }
  }

  /** Which readings the targets' checks need, from which machines, and whether to read them again. */
  private neededReadings(targets: Target[]): Map<string, { machine: Machine; reading: ReadingName; fresh: boolean }> {
    const needed = new Map<string, { machine: Machine; reading: ReadingName; fresh: boolean }>();
    const add = (machine: Machine, reading: ReadingName, fresh: boolean) => {
      const key = readingKey(machine.name, reading);
      const had = needed.get(key);
      needed.set(key, { machine, reading, fresh: fresh || (had?.fresh ?? false) });
    };
    for (const t of targets) {
      for (const check of t.checks) {
        for (const r of check.reads) {
          if (r.from === 'self') {
            add(t.machine, r.reading, t.fresh);
            // A client's pings go to the support machine's TAP address: its adapters are needed first.
            if (r.reading === 'reachability' && t.machine.config.role === 'client') {
              for (const s of this.byRole('support')) add(s, 'machine', t.fresh);
            }
          } else {
            for (const other of this.byRole(roleOf(r.from))) if (other !== t.machine) add(other, r.reading, t.fresh);
          }
        }
      }
    }
    return needed;
  }

  private take(machine: Machine, reading: ReadingName, context: ReadinessContext, fresh: boolean, run: number, supports: Machine[]): Promise<ReadingOutcome> {
    const key = readingKey(machine.name, reading);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const taken = this.takenAt.get(key);
    const cached = this.outcomes.get(machine.name)?.[reading];
    const maxAge = this.options.referenceMaxAgeMs ?? 30_000;
    if (cached && taken && (taken.run === run || (!fresh && Date.now() - taken.at < maxAge))) return Promise.resolve(cached);
    // Which operation a reading runs is known only at run time, so its result is checked by its reader.
    const op: OperationDefinition = readingOperations[reading];
    const params = readingParams(
      reading,
      context,
      machine.config,
      supports.filter((s) => s !== machine).map((s) => this.readingsOf(s)),
    );
    const promise = machine.run(op, params, this.options.operationTimeoutMs ?? op.timeoutMs).then(
      (value): ReadingOutcome => ({ ok: true, value, at: new Date().toISOString() }),
      (e: unknown): ReadingOutcome => ({ ok: false, error: e instanceof OperationFailure ? e.info.message : (e as Error).message, at: new Date().toISOString() }),
    );
    this.inFlight.set(key, promise);
    return promise.then((outcome) => {
      this.inFlight.delete(key);
      const outcomes = this.outcomes.get(machine.name) ?? {};
      outcomes[reading] = outcome;
      this.outcomes.set(machine.name, outcomes);
      this.takenAt.set(key, { at: Date.now(), run });
      return outcome;
    });
  }

  private invalidate(machineName: string): void {
    for (const reading of Object.keys(readingOperations) as ReadingName[]) this.takenAt.delete(readingKey(machineName, reading));
  }

  private input(machine: Machine, context: ReadinessContext, now: number): CheckInput {
    const view = machine.view();
    const others = (role: MachineRole) => this.byRole(role).filter((m) => m !== machine).map((m) => this.readingsOf(m));
    const controller = this.byRole('controller').find((m) => m !== machine);
    return {
      context,
      machine: {
        name: machine.name,
        role: machine.config.role,
        state: view.state,
        stateDetail: view.stateDetail,
        rebootedAt: view.rebootedAt,
        endpoint: view.auth === 'local' ? 'this computer' : `${view.user}@${view.host}:${view.port}`,
      },
      self: this.readingsOf(machine),
      controller: controller ? this.readingsOf(controller) : null,
      clients: others('client'),
      supports: others('support'),
      now,
    };
  }

  private judge(check: CheckDefinition, input: CheckInput, at: string): CheckResult {
    let verdict: Verdict;
    try {
      verdict = check.evaluate(input);
    } catch (e) {
      verdict = { status: 'unknown', evidence: e instanceof CannotCheck ? e.message : `the check could not judge what it read: ${(e as Error).message}` };
    }
    return { check: check.id, status: verdict.status, evidence: verdict.evidence, fix: this.proposal(check, verdict, input), checkedAt: at };
  }

  private proposal(check: CheckDefinition, verdict: Verdict, input: CheckInput): FixProposal | null {
    if (!verdict.fix) return null;
    const def = check.fixes.find((f) => f.id === verdict.fix!.id);
    if (!def) return null;
    const runsOn = def.runsOn === 'self' ? input.machine.name : input.controller?.name;
    if (!runsOn) return null;
    return {
      fix: def.id,
      title: def.title,
      operation: def.operation,
      runsOn,
      params: verdict.fix.params,
      needsReboot: def.needsReboot,
      rebootsMachine: def.rebootsMachine,
    };
  }

  private readiness(machine: Machine): MachineReadiness {
    const role = machine.config.role;
    const stored = this.results.get(machine.name);
    const results = checksFor(role)
      .map((c) => stored?.get(c.id))
      .filter((r): r is CheckResult => r !== undefined);
    const complete = results.length === checksFor(role).length;
    const blocking = results.filter((r) => r.status === 'fail' || r.status === 'unknown');
    const warnings = results.filter((r) => r.status === 'warn');
    const ready = blocking.length > 0 ? false : complete ? true : null;
    return {
      machine: machine.name,
      role,
      ready,
      summary: summary(ready, results.length, checksFor(role).length, blocking, warnings),
      running: this.running.has(machine.name),
      fixing: this.fixing.get(machine.name) ?? null,
      checkedAt: this.checkedAt.get(machine.name) ?? null,
      checks: results,
    };
  }

  /** The version of the driver under test on a machine, as its last readings found it; null before they did. */
  driverVersion(name: string, settings: ReadinessSettings): string | null {
    const m = this.machines.find((x) => x.name === name);
    if (!m) return null;
    try {
      return driverAdapters(this.readingsOf(m).machinePart('adapters').adapters, settings)[0]?.driverVersion ?? null;
    } catch (e) {
      if (e instanceof CannotCheck) return null;
      throw e;
    }
  }

  private readingsOf(machine: Machine): MachineReadings {
    return new MachineReadings(machine.name, machine.config.role, this.outcomes.get(machine.name) ?? {});
  }

  private byRole(role: MachineRole): Machine[] {
    return this.machines.filter((m) => m.config.role === role);
  }

  private machine(name: string): Machine {
    const m = this.machines.find((x) => x.name === name);
    if (!m) throw new ReadinessError('unknown-machine', `the lab has no machine named ${name}`);
    return m;
  }

  private check(id: string): CheckDefinition {
    const c = findCheck(id);
    if (!c) throw new ReadinessError('invalid-request', `there is no check ${id}`);
    return c;
  }

  private emit(machine: Machine): void {
    // A closed lab's engine may still finish a run; nobody listens for it any more.
    if (!this.disposed) this.options.changed(this.readiness(machine));
  }
}

function readingKey(machine: string, reading: ReadingName): string {
  return `${machine}\u0000${reading}`;
}

/** The role of the machines a check reads from, other than itself. */
function roleOf(from: Exclude<ReadingSource, 'self'>): MachineRole {
  return from === 'controller' ? 'controller' : from === 'clients' ? 'client' : 'support';
}

function titleOf(id: string): string {
  return findCheck(id)?.title ?? id;
}

function short(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line for a machine: ready or not, and why. */
function summary(ready: boolean | null, judged: number, total: number, blocking: CheckResult[], warnings: CheckResult[]): string {
  if (ready === null) return judged === 0 ? 'not checked yet' : `nothing wrong in ${judged} of ${total} checks; the others have not run yet`;
  if (ready) {
    return warnings.length === 0 ? 'ready' : `ready, ${warnings.length === 1 ? 'one warning' : `${warnings.length} warnings`}: ${warnings.map((w) => titleOf(w.check)).join('; ')}`;
  }
  const reasons = blocking.slice(0, SUMMARY_REASONS).map((r) => `${titleOf(r.check)}${r.status === 'unknown' ? ' (unknown)' : ''}: ${short(r.evidence)}`);
  const more = blocking.length > SUMMARY_REASONS ? `; and ${blocking.length - SUMMARY_REASONS} more` : '';
  return `not ready: ${reasons.join('; ')}${more}`;
}
