import type { MachineView } from '../../shared/lab';
import type { OperationError } from '../../shared/errors';
import type { AdapterNamesOutcome, RebootOutcome, ServiceAction, ServiceControlOutcome, ServiceGroup } from '../../shared/machine-actions';
import { servicesEnsureRunning, servicesStatus, servicesStop } from '../../shared/operations/services';
import { systemReboot } from '../../shared/operations/system';
import type { Machine } from '../machines/machine';
import { attempt, machineOf, type PassContext } from './pass-context';

/**
 * One-click actions on a machine: start, stop or restart OpenVPN or the HLK services; reboot and wait until
 * it is back, then check it again; rename its adapters as HLK's LAN tests expect. Each ends with the
 * machine's checks run again, so what the operator sees afterwards is what the machine is now.
 */

export class MachineActions {
  private readonly waiters = new Set<(view: MachineView) => void>();

  constructor(private readonly ctx: PassContext) {}

  machineChanged(view: MachineView): void {
    for (const w of [...this.waiters]) w(view);
  }

  async controlServices(name: string, group: ServiceGroup, action: ServiceAction): Promise<ServiceControlOutcome> {
    const machine = machineOf(this.ctx, name);
    const settings = await this.ctx.settings();
    const wanted = group === 'openvpn' ? settings.openvpnServices : machine.role === 'controller' ? settings.hlkControllerServices : settings.hlkClientServices;
    const before = await attempt(machine, servicesStatus, { names: wanted });
    if (!before.ok) return this.serviceOutcome(machine, before.error, []);
    const existing = before.result.services.filter((s) => s.exists);
    if (existing.length === 0) {
      return this.serviceOutcome(machine, { kind: 'script-error', message: `${machine.name} has none of the services ${wanted.join(', ')}`, machine: machine.name }, before.result.services);
    }
    const running = existing.filter((s) => s.status === 'Running');
    // OpenVPN has two services and one of them is meant to run: the running one, else the one that starts automatically.
    const preferred = group === 'openvpn' ? (running.length > 0 ? running : [existing.find((s) => s.startType === 'Automatic') ?? existing[0]!]) : existing;
    const names = (action === 'stop' ? (group === 'openvpn' ? running : existing) : preferred).map((s) => s.name);
    if (names.length === 0) return this.serviceOutcome(machine, null, before.result.services);
    const done =
      action === 'stop'
        ? await attempt(machine, servicesStop, { names })
        : await attempt(machine, servicesEnsureRunning, { names, restart: action === 'restart' });
    const after = await attempt(machine, servicesStatus, { names });
    return this.serviceOutcome(machine, done.ok ? null : done.error, after.ok ? after.result.services : []);
  }

  /** Reboots the machine, waits until it answers with a new boot time, then runs its checks again. */
  async rebootAndWait(name: string, timeoutSeconds: number): Promise<RebootOutcome> {
    const machine = machineOf(this.ctx, name);
    const bootBefore = machine.view().facts?.lastBootTime ?? null;
    const started = Date.now();
    const back = this.waitForNewBoot(machine, bootBefore, timeoutSeconds * 1000);
    machine.expectReboot();
    const asked = await attempt(machine, systemReboot, { delaySeconds: 1 });
    // The reboot may cut the answer off; the machine coming back with a new boot time is the proof.
    if (!asked.ok && asked.error.kind !== 'host-rebooted' && asked.error.kind !== 'connection-lost') {
      back.cancel();
      return { ok: false, error: asked.error, bootBefore, bootAfter: null, awaySeconds: null, readiness: null };
    }
    const view = await back.promise;
    if (!view) {
      const error: OperationError = { kind: 'timeout', message: `${name} did not come back from the reboot within ${timeoutSeconds} s`, machine: name, operation: systemReboot.name };
      this.ctx.record(name, 'operation', `Reboot and wait: ${error.message}`);
      return { ok: false, error, bootBefore, bootAfter: null, awaySeconds: null, readiness: null };
    }
    const awaySeconds = Math.round((Date.now() - started) / 1000);
    this.ctx.record(name, 'operation', `Reboot and wait: back after ${awaySeconds} s, booted at ${view.facts!.lastBootTime}`);
    const snapshot = await this.ctx.readiness.run({ machine: name });
    return { ok: true, error: null, bootBefore, bootAfter: view.facts!.lastBootTime, awaySeconds, readiness: snapshot.machines.find((m) => m.machine === name) ?? null };
  }

  /** Checks the adapter names afresh and renames the adapters when the check offers it: before a test, on demand. */
  async applyAdapterNames(name: string): Promise<AdapterNamesOutcome> {
    machineOf(this.ctx, name);
    const snapshot = await this.ctx.readiness.run({ machine: name, check: 'adapter-names' });
    const check = snapshot.machines.find((m) => m.machine === name)?.checks.find((c) => c.check === 'adapter-names') ?? null;
    if (!check || check.status === 'pass' || check.status === 'warn') return { ok: check !== null, renamed: false, error: null, check };
    if (!check.fix) {
      return { ok: false, renamed: false, error: { kind: 'script-error', message: `the adapters cannot be renamed by themselves: ${check.evidence}`, machine: name }, check };
    }
    const fixed = await this.ctx.readiness.fix(name, 'adapter-names');
    return { ok: fixed.ok && fixed.resolved, renamed: fixed.ok, error: fixed.error, check: fixed.check };
  }

  dispose(): void {
    this.waiters.clear();
  }

  private async serviceOutcome(machine: Machine, error: OperationError | null, services: ServiceControlOutcome['services']): Promise<ServiceControlOutcome> {
    const snapshot = await this.ctx.readiness.run({ machine: machine.name }).catch(() => null);
    return { ok: error === null, error, services, readiness: snapshot?.machines.find((m) => m.machine === machine.name) ?? null };
  }

  private waitForNewBoot(machine: Machine, bootBefore: string | null, withinMs: number): { promise: Promise<MachineView | null>; cancel(): void } {
    let finish: (view: MachineView | null) => void = () => undefined;
    const promise = new Promise<MachineView | null>((resolve) => {
      const check = (view: MachineView) => {
        if (view.name !== machine.name || view.state !== 'connected' || !view.facts) return;
        if (bootBefore !== null && view.facts.lastBootTime === bootBefore) return;
        finish(view);
      };
      const timer = setTimeout(() => finish(null), withinMs);
      finish = (view) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(view);
      };
      this.waiters.add(check);
    });
    return { promise, cancel: () => finish(null) };
  }
}
