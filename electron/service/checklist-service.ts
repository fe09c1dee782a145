import type { MachineReadiness, ReadinessSnapshot } from '../../shared/readiness/results';
import { checklistCatalogue, checklists, findChecklist } from '../../shared/checklists';
import {
  checklistReadings,
  type Checklist,
  type ChecklistFixOutcome,
  type ChecklistInfo,
  type ChecklistProgressView,
  type ChecklistReading,
  type ChecklistReadingValues,
  type ChecklistStep,
  type Judgement,
  type StepAction,
  type StepContext,
  type StepMachine,
  type StepProgress,
  type StepState,
} from '../../shared/checklists/types';
import type { OperationError } from '../../shared/errors';
import { findOperation } from '../../shared/operations';
import type { ReadinessSettings } from '../../shared/readiness/settings';
import type { TapdiagMachineView } from '../../shared/tapdiag/views';
import type { Machine } from '../machines/machine';
import { JsonFileWriter, readJson } from './json-file';
import { labStatePaths } from './lab-state';
import { attempt, machineOf, type Attempt, type PassContext } from './pass-context';
import { ServiceError } from './service-error';

/**
 * Checklist progress of one lab, per HLK project: each step's state on each machine it applies to, kept in
 * the data folder's checklists/<lab>.json. A step is judged again whenever what verifies it changes (a
 * machine's readiness results, an HLK or tapdiag answer, a tapdiag setting), so a step that was done and
 * breaks later (an adapter that lost its name after a driver reinstall) shows as broken. Every change of
 * state is journaled and pushed as the `checklist` event.
 */

interface StoredStep {
  state: StepState;
  /** The step was done once in this project: failing now makes it broken, not pending. */
  everDone: boolean;
  evidence: string;
  at: string | null;
}

interface Stored {
  /** The project the operator works in; the lab's readiness.hlk.project until one is opened. */
  project: string | null;
  projects: Record<string, Record<string, StoredStep>>;
}

type ReadingOutcome = { ok: true; value: unknown; at: string } | { ok: false; error: string; definite: boolean; at: string };

export interface ChecklistDeps {
  /** What hlk-assist last set with tapdiag on the machine. */
  tapdiagState(machine: string): TapdiagMachineView | null;
  /** Reads a reading afresh through the service that owns it, which hands the answer to `ingest`. */
  refreshReading(reading: ChecklistReading, machine: Machine, project: string): Promise<Attempt>;
  /** Performs a named fix action for the step on the machine. */
  action(action: StepAction, machine: string, project: string): Promise<Attempt>;
}

/** Answers that say the thing is not there (as opposed to: could not be read), so the step is not done. */
const DEFINITE = /has no (project|pool) named|tapdiag\.exe is not at/i;

export class ChecklistService {
  private readonly readings = new Map<string, ReadingOutcome>();
  private readonly lastChecked = new Map<string, string | null>();
  private readonly writer: JsonFileWriter;
  private disposed = false;

  private constructor(
    private readonly ctx: PassContext,
    private readonly deps: ChecklistDeps,
    private readonly settings: ReadinessSettings,
    private readonly stored: Stored,
  ) {
    this.writer = new JsonFileWriter(labStatePaths(ctx.dataDir, ctx.labId).checklists);
  }

  static async load(ctx: PassContext, deps: ChecklistDeps): Promise<ChecklistService> {
    const raw = (await readJson(labStatePaths(ctx.dataDir, ctx.labId).checklists)) as Partial<Stored> | null;
    const stored: Stored = {
      project: typeof raw?.project === 'string' ? raw.project : null,
      projects: raw?.projects && typeof raw.projects === 'object' ? raw.projects : {},
    };
    return new ChecklistService(ctx, deps, await ctx.settings(), stored);
  }

  get project(): string {
    return this.stored.project ?? this.settings.hlk.project;
  }

  catalogue(): ChecklistInfo[] {
    return checklistCatalogue();
  }

  selectProject(project: string): ChecklistProgressView {
    if (project !== this.project) {
      this.stored.project = project;
      this.ctx.record(null, 'checklist', `checklist progress now follows the HLK project ${project}`);
      this.evaluate();
      this.save();
      this.publish();
    }
    return this.progress();
  }

  progress(): ChecklistProgressView {
    const steps = this.stored.projects[this.project] ?? {};
    return {
      lab: this.ctx.labName,
      project: this.project,
      updatedAt: new Date().toISOString(),
      checklists: checklists.map((c) => {
        const rows = c.steps.map((step) => ({
          id: step.id,
          title: step.title,
          machines: this.machinesFor(step).map((m): StepProgress => {
            const s = steps[key(c, step, m.name)];
            return {
              machine: m.name,
              state: s?.state ?? 'pending',
              evidence: s?.evidence ?? (step.verification ? 'not verified yet' : 'not confirmed yet'),
              at: s?.at ?? null,
              canFix: step.fix !== undefined,
              fixWaitsFor: step.fix ? this.firstUnfinished(c, step.after ?? [], m.name, steps) : null,
              needsConfirmation: step.manual !== undefined && !step.verification,
            };
          }),
        }));
        const cells = rows.flatMap((r) => r.machines);
        return { id: c.id, title: c.title, kind: c.kind, done: cells.filter((x) => x.state === 'done' || x.state === 'manual-confirmed').length, total: cells.length, steps: rows };
      }),
    };
  }

  /**
   * The first of the steps `ids` not finished on the machine (its title), looked up in the checklist and then
   * in the others (a test's checklist may rely on a setup step); null when every one is done or confirmed.
   */
  private firstUnfinished(c: Checklist, ids: readonly string[], machine: string, stored: Record<string, StoredStep>): string | null {
    for (const id of ids) {
      const owner = [c, ...checklists].find((x) => x.steps.some((st) => st.id === id));
      const step = owner?.steps.find((st) => st.id === id);
      if (!owner || !step) continue;
      const state = stored[key(owner, step, machine)]?.state ?? 'pending';
      if (state !== 'done' && state !== 'manual-confirmed') return step.title;
    }
    return null;
  }

  /** A machine's readiness changed: judge its check steps again; once a run finished, read its other verifications afresh. */
  readinessChanged(r: MachineReadiness): void {
    if (this.disposed) return;
    this.evaluate();
    if (r.running || r.checkedAt === null || this.lastChecked.get(r.machine) === r.checkedAt) return;
    this.lastChecked.set(r.machine, r.checkedAt);
    const machine = this.ctx.machines.find((m) => m.name === r.machine);
    if (machine) void this.refreshReadingsOf(machine).catch(() => undefined);
  }

  /** What tapdiag set changed: judge the tapdiag steps again. */
  tapdiagChanged(): void {
    if (!this.disposed) this.evaluate();
  }

  /** A fresh answer of an operation a verification reads (from the HLK or tapdiag service). */
  ingest<R extends ChecklistReading>(reading: R, machine: string, value: ChecklistReadingValues[R], project: string | null = null): void {
    this.readings.set(readingKey(reading, machine, project), { ok: true, value, at: new Date().toISOString() });
    if (!this.disposed) this.evaluate();
  }

  /** Verifies every step in scope now: the machines' readiness checks and every reading afresh. */
  async verify(scope: { checklist?: string | undefined; machine?: string | undefined }): Promise<ChecklistProgressView> {
    const selected = scope.checklist === undefined ? checklists : [this.checklist(scope.checklist)];
    const only = scope.machine === undefined ? null : machineOf(this.ctx, scope.machine);
    const machines = new Set<Machine>();
    const reads = new Map<string, { reading: ChecklistReading; machine: Machine }>();
    for (const c of selected) {
      for (const step of c.steps) {
        for (const m of this.machinesFor(step)) {
          if (only && m !== only) continue;
          if (step.verification?.kind === 'check') machines.add(m);
          if (step.verification?.kind === 'reading') {
            const on = this.readingMachine(step.verification.reading, m);
            if (on) reads.set(`${step.verification.reading}\u0000${on.name}`, { reading: step.verification.reading, machine: on });
          }
        }
      }
    }
    await Promise.all([...machines].map((m) => this.ctx.readiness.run({ machine: m.name }).catch(() => undefined)));
    await Promise.all([...reads.values()].map(({ reading, machine }) => this.refresh(reading, machine)));
    this.evaluate();
    return this.progress();
  }

  /** Confirms (or takes back) a step only a person can do. */
  confirm(checklistId: string, stepId: string, machineName: string, confirmed: boolean): ChecklistProgressView {
    const { checklist, step, machine } = this.resolve(checklistId, stepId, machineName);
    if (!step.manual || step.verification) throw new ServiceError('invalid-request', `${step.title} is verified on the machines, not confirmed`);
    const now = new Date().toISOString();
    this.set(checklist, step, machine.name, {
      state: confirmed ? 'manual-confirmed' : 'pending',
      everDone: confirmed,
      evidence: confirmed ? `confirmed: ${step.manual.confirmation}` : 'confirmation taken back',
      at: now,
    });
    this.save();
    this.publish();
    return this.progress();
  }

  /** Runs the step's fix on the machine, then verifies the step again. */
  async fix(checklistId: string, stepId: string, machineName: string): Promise<ChecklistFixOutcome> {
    const { checklist, step, machine } = this.resolve(checklistId, stepId, machineName);
    const fix = step.fix;
    if (!fix) throw new ServiceError('invalid-request', `${step.title} has no fix: ${step.what}`);
    const first = this.firstUnfinished(checklist, step.after ?? [], machine.name, this.stored.projects[this.project] ?? {});
    if (first) throw new ServiceError('invalid-request', `${step.title} on ${machine.name} cannot be fixed yet: first "${first}"`);
    let done: Attempt;
    switch (fix.kind) {
      case 'check-fix':
        done = await this.checkFix(fix.check, machine);
        break;
      case 'operation': {
        const op = findOperation(fix.operation);
        if (!op) throw new ServiceError('internal', `there is no operation ${fix.operation}`);
        const on = fix.runsOn === 'controller' ? this.controller() : machine;
        if (!on) throw new ServiceError('invalid-request', 'the lab names no controller');
        done = await attempt(on, op, fix.params(this.stepContext(machine)));
        break;
      }
      case 'action':
        done = await this.deps.action(fix.action, machine.name, this.project);
        break;
    }
    this.ctx.record(machine.name, 'checklist', `${checklist.title}: ${fix.title} (for "${step.title}"): ${done.ok ? 'done' : `failed (${done.error.kind}): ${done.error.message}`}`);
    await this.reverify(step, machine);
    return done.ok ? { ok: true, progress: this.progress() } : { ok: false, error: done.error, progress: this.progress() };
  }

  /** Stops judging and saving; resolves once the last progress written is on disk. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.writer.flush();
  }

  private async checkFix(check: string, machine: Machine): Promise<Attempt> {
    let result = this.ctx.readiness.snapshot().machines.find((m) => m.machine === machine.name)?.checks.find((c) => c.check === check);
    if (!result?.fix) {
      await this.ctx.readiness.run({ machine: machine.name, check });
      result = this.ctx.readiness.snapshot().machines.find((m) => m.machine === machine.name)?.checks.find((c) => c.check === check);
    }
    if (!result?.fix) {
      if (result?.status === 'pass') return { ok: true, result: null };
      throw new ServiceError('invalid-request', `the check offers no fix for what it found on ${machine.name}: ${result?.evidence ?? 'not checked'}`);
    }
    const outcome = await this.ctx.readiness.fix(machine.name, check);
    return outcome.ok ? { ok: true, result: outcome.result } : { ok: false, error: outcome.error as OperationError };
  }

  private async reverify(step: ChecklistStep, machine: Machine): Promise<void> {
    const v = step.verification;
    if (v?.kind === 'check') await this.ctx.readiness.run({ machine: machine.name, check: v.check }).catch(() => undefined);
    if (v?.kind === 'reading') {
      const on = this.readingMachine(v.reading, machine);
      if (on) await this.refresh(v.reading, on);
    }
    this.evaluate();
  }

  private async refreshReadingsOf(machine: Machine): Promise<void> {
    const needed = new Set<ChecklistReading>();
    for (const c of checklists) {
      for (const step of c.steps) {
        const v = step.verification;
        if (v?.kind !== 'reading') continue;
        for (const m of this.machinesFor(step)) if (this.readingMachine(v.reading, m) === machine) needed.add(v.reading);
      }
    }
    for (const reading of needed) await this.refresh(reading, machine);
    this.evaluate();
  }

  private async refresh(reading: ChecklistReading, machine: Machine): Promise<void> {
    const project = reading === 'hlkProject' ? this.project : null;
    const done = await this.deps.refreshReading(reading, machine, this.project);
    if (!done.ok) {
      this.readings.set(readingKey(reading, machine.name, project), {
        ok: false,
        error: done.error.message,
        definite: DEFINITE.test(done.error.message),
        at: new Date().toISOString(),
      });
    }
  }

  /** Judges every step on every machine it applies to, stores what changed, journals and pushes it. */
  private evaluate(): void {
    if (this.disposed) return;
    let changed = false;
    const snapshot = this.ctx.readiness.snapshot();
    for (const c of checklists) {
      for (const step of c.steps) {
        if (!step.verification) continue;
        for (const m of this.machinesFor(step)) {
          const judgement = this.judge(step, m, snapshot);
          const k = key(c, step, m.name);
          const before = this.stored.projects[this.project]?.[k];
          const now = new Date().toISOString();
          let next: StoredStep;
          if (judgement.ok === true) next = { state: 'done', everDone: true, evidence: judgement.evidence, at: now };
          else if (judgement.ok === false) next = { state: before?.everDone ? 'broken' : 'pending', everDone: before?.everDone ?? false, evidence: judgement.evidence, at: now };
          else next = { state: before?.state ?? 'pending', everDone: before?.everDone ?? false, evidence: `could not verify: ${judgement.evidence}`, at: before?.at ?? null };
          if (before && before.state === next.state && before.evidence === next.evidence) continue;
          // A step never judged is pending: its first judgement is journaled only when it says something else.
          const was = before?.state ?? 'pending';
          if (was !== next.state) {
            this.ctx.record(m.name, 'checklist', `${c.title}: ${step.title}: ${was} -> ${next.state} (${next.evidence})`, {
              project: this.project,
              checklist: c.id,
              step: step.id,
              state: next.state,
            });
          }
          this.set(c, step, m.name, next);
          changed = true;
        }
      }
    }
    if (changed) {
      this.save();
      this.publish();
    }
  }

  private judge(step: ChecklistStep, machine: Machine, snapshot: ReadinessSnapshot): Judgement {
    const v = step.verification!;
    switch (v.kind) {
      case 'check': {
        const result = snapshot.machines.find((m) => m.machine === machine.name)?.checks.find((c) => c.check === v.check);
        if (!result) return { ok: null, evidence: 'not checked yet' };
        if (result.status === 'unknown') return { ok: null, evidence: result.evidence };
        // A warning is a known risk the step is there to remove (a virtual client, verb 11): not done.
        return { ok: result.status === 'pass', evidence: result.evidence };
      }
      case 'reading': {
        const on = this.readingMachine(v.reading, machine);
        if (!on) return { ok: null, evidence: 'the lab names no controller' };
        const read = this.readings.get(readingKey(v.reading, on.name, v.reading === 'hlkProject' ? this.project : null));
        if (!read) return { ok: null, evidence: `${checklistReadings[v.reading].operation} has not been read on ${on.name} yet` };
        if (!read.ok) return { ok: read.definite ? false : null, evidence: read.error };
        // The reading's type follows from v.reading; TypeScript cannot narrow the pair.
        return (v.judge as (value: unknown, ctx: StepContext) => Judgement)(read.value, this.stepContext(machine));
      }
      case 'tapdiag':
        return v.judge(this.stepContext(machine));
    }
  }

  private stepContext(machine: Machine): StepContext {
    const asStep = (m: Machine): StepMachine => ({ name: m.name, role: m.role, computerName: m.view().facts?.computerName ?? null });
    return {
      settings: this.settings,
      project: this.project,
      machine: asStep(machine),
      clients: this.ctx.machines.filter((m) => m.role === 'client').map(asStep),
      supports: this.ctx.machines.filter((m) => m.role === 'support').map(asStep),
      tapdiag: this.deps.tapdiagState(machine.name),
    };
  }

  private machinesFor(step: ChecklistStep): Machine[] {
    return this.ctx.machines.filter((m) => step.roles.includes(m.role));
  }

  private readingMachine(reading: ChecklistReading, machine: Machine): Machine | null {
    return checklistReadings[reading].runsOn === 'controller' ? this.controller() : machine;
  }

  private controller(): Machine | null {
    return this.ctx.machines.find((m) => m.role === 'controller') ?? null;
  }

  private checklist(id: string): Checklist {
    const c = findChecklist(id);
    if (!c) throw new ServiceError('invalid-request', `there is no checklist ${id}`);
    return c;
  }

  private resolve(checklistId: string, stepId: string, machineName: string): { checklist: Checklist; step: ChecklistStep; machine: Machine } {
    const checklist = this.checklist(checklistId);
    const step = checklist.steps.find((s) => s.id === stepId);
    if (!step) throw new ServiceError('invalid-request', `the checklist ${checklistId} has no step ${stepId}`);
    const machine = machineOf(this.ctx, machineName);
    if (!step.roles.includes(machine.role)) {
      throw new ServiceError('invalid-request', `${step.title} does not apply to ${machine.name} (a ${machine.role})`);
    }
    return { checklist, step, machine };
  }

  private set(c: Checklist, step: ChecklistStep, machine: string, value: StoredStep): void {
    const project = (this.stored.projects[this.project] ??= {});
    project[key(c, step, machine)] = value;
  }

  private save(): void {
    if (this.disposed) return;
    void this.writer.write(this.stored).catch((e: Error) => this.ctx.record(null, 'lab', `could not save the checklist progress: ${e.message}`));
  }

  private publish(): void {
    if (!this.disposed) this.ctx.emit({ name: 'checklist', payload: this.progress() });
  }
}

function key(c: Checklist, step: ChecklistStep, machine: string): string {
  return `${c.id}/${step.id}/${machine}`;
}

function readingKey(reading: ChecklistReading, machine: string, project: string | null): string {
  return `${reading}\u0000${machine}\u0000${project?.toLowerCase() ?? ''}`;
}
