import type { MachineView } from '../../shared/lab';
import type { OperationError } from '../../shared/errors';
import type { ResultOf } from '../../shared/operations/define';
import { tapdiagEnable, tapdiagSetLink, tapdiagSetQ, tapdiagStatus } from '../../shared/operations/tapdiag';
import type { TapdiagLink, TapdiagMachineView, TapdiagOutcome, TapdiagQ, TapdiagView } from '../../shared/tapdiag/views';
import type { Machine } from '../machines/machine';
import { JsonFileWriter, readJson } from './json-file';
import { labStatePaths } from './lab-state';
import { attempt, machineOf, type Attempt, type PassContext } from './pass-context';
import { ServiceError } from './service-error';

/**
 * tapdiag on the clients and the support machine. tapdiag can set the TAP driver's link and 802.1Q
 * handling but not read them back, so this keeps what it last set on each machine and in which boot; when
 * the machine comes back with another boot time the driver has forgotten it, the state shows as lost, and
 * it is applied again by itself if the operator asked for that. Kept in the data folder's
 * tapdiag/<lab>.json, so a restart of hlk-assist still knows what was set and notices a reboot in between.
 */

interface Remembered {
  link: TapdiagLink | null;
  q: TapdiagQ | null;
  setAt: string | null;
  bootTime: string | null;
  lost: boolean;
  lostAt: string | null;
}

interface Stored {
  autoReapply: boolean;
  machines: Record<string, Remembered>;
}

const nothingSet = (): Remembered => ({ link: null, q: null, setAt: null, bootTime: null, lost: false, lostAt: null });

export class TapdiagService {
  private readonly remembered = new Map<string, Remembered>();
  private readonly status = new Map<string, TapdiagMachineView['status']>();
  private readonly busy = new Map<string, string>();
  private readonly reading = new Map<string, Promise<TapdiagOutcome>>();
  private readonly errors = new Map<string, OperationError | null>();
  private autoReapply = false;
  private readonly writer: JsonFileWriter;
  private disposed = false;

  private constructor(
    private readonly ctx: PassContext,
    /** Told whenever what is shown changed (the checklists verify 802.1Q steps with it). */
    private readonly changed: () => void,
    /** Each fresh tapdiag.status answer (the checklists verify tapdiag steps with it). */
    private readonly statusRead: (machine: string, value: ResultOf<typeof tapdiagStatus>) => void,
  ) {
    this.writer = new JsonFileWriter(labStatePaths(ctx.dataDir, ctx.labId).tapdiag);
  }

  static async load(ctx: PassContext, changed: () => void, statusRead: TapdiagService['statusRead']): Promise<TapdiagService> {
    const service = new TapdiagService(ctx, changed, statusRead);
    const stored = (await readJson(service.path)) as Partial<Stored> | null;
    service.autoReapply = stored?.autoReapply === true;
    for (const m of service.tapdiagMachines()) {
      const r = stored?.machines?.[m.name];
      service.remembered.set(m.name, r ? { ...nothingSet(), ...r } : nothingSet());
    }
    return service;
  }

  private get path(): string {
    return labStatePaths(this.ctx.dataDir, this.ctx.labId).tapdiag;
  }

  view(): TapdiagView {
    return { autoReapply: this.autoReapply, machines: this.tapdiagMachines().map((m) => this.machineView(m.name)) };
  }

  machineView(name: string): TapdiagMachineView {
    const r = this.remembered.get(name) ?? nothingSet();
    return { machine: name, ...r, status: this.status.get(name) ?? null, busy: this.busy.get(name) ?? null, lastError: this.errors.get(name) ?? null };
  }

  setAutoReapply(enabled: boolean): TapdiagView {
    this.autoReapply = enabled;
    this.ctx.record(null, 'tapdiag', enabled ? 'tapdiag settings will be applied again by themselves after a reboot' : 'tapdiag settings are no longer applied again by themselves after a reboot');
    this.save();
    this.publish();
    return this.view();
  }

  /** Told of every change of a machine: a new boot time means the driver forgot what tapdiag set. */
  machineChanged(view: MachineView): void {
    const r = this.remembered.get(view.name);
    if (!r || this.disposed || view.state !== 'connected' || !view.facts) return;
    if (r.lost || (r.link === null && r.q === null) || r.bootTime === view.facts.lastBootTime) return;
    r.lost = true;
    r.lostAt = new Date().toISOString();
    this.ctx.record(view.name, 'tapdiag', `tapdiag settings lost: ${describe(r)} were set in the boot of ${r.bootTime}; the machine booted again at ${view.facts.lastBootTime}`, {
      lost: { link: r.link, q: r.q },
      bootBefore: r.bootTime,
      bootAfter: view.facts.lastBootTime,
    });
    this.save();
    this.publish();
    if (this.autoReapply) void this.reapply(view.name).catch(() => undefined);
  }

  /** Reads tapdiag's status (changing nothing); a read already under way is shared. */
  refresh(name: string): Promise<TapdiagOutcome> {
    const machine = this.tapdiagMachine(name);
    const pending = this.reading.get(name);
    if (pending) return pending;
    const read = (async (): Promise<TapdiagOutcome> => {
      const settings = await this.ctx.settings();
      const done = await attempt(machine, tapdiagStatus, { toolPath: settings.tapdiagPath, hardwareId: settings.driver.hardwareId });
      if (done.ok) this.noteStatus(name, done.result);
      this.publish();
      return done.ok ? { ok: true, view: this.machineView(name) } : { ok: false, error: done.error, view: this.machineView(name) };
    })().finally(() => this.reading.delete(name));
    this.reading.set(name, read);
    return read;
  }

  async enable(name: string): Promise<TapdiagOutcome> {
    return this.act(name, 'enabling tapdiag', async (machine, settings) => {
      const done = await attempt(machine, tapdiagEnable, {
        toolPath: settings.tapdiagPath,
        hardwareId: settings.driver.hardwareId,
        openvpnServices: settings.openvpnServices,
      });
      // Restarting the TAP adapter reloads the driver: whatever tapdiag set before is gone.
      if (done.ok) this.forget(name, 'the TAP adapter restarted');
      await this.readStatusQuietly(machine, settings);
      return done;
    });
  }

  async setLink(name: string, link: TapdiagLink): Promise<TapdiagOutcome> {
    return this.act(name, `tapdiag /link:${link}`, async (machine, settings) => {
      const done = await attempt(machine, tapdiagSetLink, { toolPath: settings.tapdiagPath, hardwareId: settings.driver.hardwareId, link });
      if (done.ok) {
        this.remember(machine, { link });
        // Whoever set it (a button, the guided LinkCheck), the card shows the adapter's link as it is now.
        await this.readStatusQuietly(machine, settings);
        // An unplugged cable breaks the tunnel's checks: readiness must not say "ready" until it is checked again.
        void this.ctx.readiness.run({ machine: name }).catch(() => undefined);
      }
      return done;
    });
  }

  async setQ(name: string, mode: TapdiagQ): Promise<TapdiagOutcome> {
    return this.act(name, `tapdiag /setq:${mode}`, async (machine, settings) => {
      const done = await attempt(machine, tapdiagSetQ, { toolPath: settings.tapdiagPath, mode });
      if (done.ok) this.remember(machine, { q: mode });
      return done;
    });
  }

  /** Applies what was last set again (802.1Q first, then the link), for this boot. */
  async reapply(name: string): Promise<TapdiagOutcome> {
    const r = this.remembered.get(name);
    if (!r || (r.link === null && r.q === null)) throw new ServiceError('invalid-request', `nothing was set with tapdiag on ${name} to apply again`);
    return this.act(name, 'applying tapdiag settings again', async (machine, settings) => {
      let last: Attempt = { ok: true, result: null };
      if (r.q !== null) {
        last = await attempt(machine, tapdiagSetQ, { toolPath: settings.tapdiagPath, mode: r.q });
        if (!last.ok) return last;
      }
      if (r.link !== null) {
        last = await attempt(machine, tapdiagSetLink, { toolPath: settings.tapdiagPath, hardwareId: settings.driver.hardwareId, link: r.link });
        if (!last.ok) return last;
      }
      this.remember(machine, {});
      this.ctx.record(name, 'tapdiag', `tapdiag settings applied again: ${describe(r)}`, { link: r.link, q: r.q });
      return last;
    });
  }

  /** Stops following the machines; resolves once the last state written is on disk. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.writer.flush();
  }

  private tapdiagMachines(): Machine[] {
    return this.ctx.machines.filter((m) => m.role === 'client' || m.role === 'support');
  }

  private tapdiagMachine(name: string): Machine {
    const machine = machineOf(this.ctx, name);
    if (machine.role !== 'client' && machine.role !== 'support') {
      throw new ServiceError('invalid-request', `${name} is the ${machine.role}: tapdiag runs on the clients and the support machine`);
    }
    return machine;
  }

  /** Runs one tapdiag change at a time per machine, keeps its error and shows it (the operation run itself is journaled). */
  private async act(name: string, what: string, work: (machine: Machine, settings: Awaited<ReturnType<PassContext['settings']>>) => Promise<Attempt>): Promise<TapdiagOutcome> {
    const machine = this.tapdiagMachine(name);
    const running = this.busy.get(name);
    if (running) throw new ServiceError('invalid-request', `${name} is busy ${running}`);
    this.busy.set(name, what);
    this.publish();
    let outcome: Attempt;
    try {
      outcome = await work(machine, await this.ctx.settings());
      this.errors.set(name, outcome.ok ? null : outcome.error);
    } finally {
      this.busy.delete(name);
      this.publish();
    }
    return outcome.ok ? { ok: true, view: this.machineView(name) } : { ok: false, error: outcome.error, view: this.machineView(name) };
  }

  private remember(machine: Machine, change: Partial<Pick<Remembered, 'link' | 'q'>>): void {
    const r = this.remembered.get(machine.name) ?? nothingSet();
    const wasLost = r.lost;
    Object.assign(r, change);
    r.setAt = new Date().toISOString();
    r.bootTime = machine.view().facts?.lastBootTime ?? null;
    r.lost = false;
    r.lostAt = null;
    this.remembered.set(machine.name, r);
    if (change.link !== undefined || change.q !== undefined) {
      this.ctx.record(machine.name, 'tapdiag', `tapdiag set ${change.link !== undefined ? `link ${change.link}` : `802.1Q ${change.q}`}${wasLost ? ' (the reboot had lost the earlier setting)' : ''}`, { link: r.link, q: r.q, bootTime: r.bootTime });
    }
    this.save();
  }

  private forget(name: string, why: string): void {
    const r = this.remembered.get(name);
    if (!r || (r.link === null && r.q === null)) return;
    this.ctx.record(name, 'tapdiag', `tapdiag settings reset (${why}): ${describe(r)} no longer hold`, { reset: { link: r.link, q: r.q } });
    this.remembered.set(name, nothingSet());
    this.save();
  }

  private noteStatus(name: string, value: ResultOf<typeof tapdiagStatus>): void {
    this.status.set(name, {
      toolPath: value.toolPath,
      toolFound: value.toolFound,
      registryEnabled: value.registryEnabled,
      endpoint: value.endpoint,
      adapters: value.adapters,
      at: new Date().toISOString(),
    });
    this.statusRead(name, value);
  }

  private async readStatusQuietly(machine: Machine, settings: Awaited<ReturnType<PassContext['settings']>>): Promise<void> {
    const read = await attempt(machine, tapdiagStatus, { toolPath: settings.tapdiagPath, hardwareId: settings.driver.hardwareId });
    if (read.ok) this.noteStatus(machine.name, read.result);
  }

  private save(): void {
    if (this.disposed) return;
    const machines: Record<string, Remembered> = {};
    for (const [name, r] of this.remembered) machines[name] = r;
    void this.writer.write({ autoReapply: this.autoReapply, machines } satisfies Stored).catch((e: Error) => {
      this.ctx.record(null, 'lab', `could not save the tapdiag state: ${e.message}`);
    });
  }

  private publish(): void {
    if (this.disposed) return;
    this.ctx.emit({ name: 'tapdiag', payload: this.view() });
    this.changed();
  }
}

function describe(r: Pick<Remembered, 'link' | 'q'>): string {
  const parts = [...(r.q !== null ? [`802.1Q ${r.q}`] : []), ...(r.link !== null ? [`link ${r.link}`] : [])];
  return parts.join(' and ');
}
