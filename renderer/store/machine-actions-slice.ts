import type { ServiceAction, ServiceGroup } from '../../shared/machine-actions';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** How long a reboot may take before hlk-assist stops waiting (machines.rebootAndWait's own default). */
export const REBOOT_WAIT_SECONDS = 600;

export type MachineActionKind = 'services' | 'reboot' | 'adapter-names';

/** A one-click machine action asked for from this window: under way, or how it ended, in words. */
export type MachineActionRun = { kind: MachineActionKind; title: string; startedAt: number } & (
  | { status: 'running' }
  | { status: 'finished'; finishedAt: number; ok: boolean; lines: string[] }
);

/** Services, reboot and wait, adapter names: one action per machine at a time. */
export interface MachineActionsSlice {
  machineActions: Record<string, MachineActionRun>;
  controlServices(machine: string, services: ServiceGroup, action: ServiceAction): Promise<void>;
  rebootAndWait(machine: string): Promise<void>;
  applyAdapterNames(machine: string): Promise<void>;
  dismissMachineAction(machine: string): void;
}

const serviceWords: Record<ServiceGroup, string> = { openvpn: 'OpenVPN', hlk: 'the HLK services' };
const actionWords: Record<ServiceAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

export function serviceActionTitle(services: ServiceGroup, action: ServiceAction): string {
  return `${actionWords[action]} ${serviceWords[services]}`;
}

export const createMachineActionsSlice: SliceCreator<MachineActionsSlice> = (set, get, { connection, feed }) => {
  const api = connection.api;
  const record = (machine: string, run: MachineActionRun) => set((s) => ({ machineActions: { ...s.machineActions, [machine]: run } }));
  /** Runs one action; `finish` turns its answer into whether it worked and what to say. */
  const run = async <T>(machine: string, kind: MachineActionKind, title: string, send: () => Promise<{ ok: true; result: T } | { ok: false; message: string }>, finish: (result: T) => { ok: boolean; lines: string[] }) => {
    if (get().machineActions[machine]?.status === 'running') return;
    const startedAt = Date.now();
    record(machine, { kind, title, startedAt, status: 'running' });
    const answer = await send();
    const done = answer.ok ? finish(answer.result) : { ok: false, lines: [answer.message] };
    record(machine, { kind, title, startedAt, status: 'finished', finishedAt: Date.now(), ...done });
  };
  return {
    machineActions: {},
    controlServices: (machine, services, action) =>
      run(machine, 'services', serviceActionTitle(services, action), () => ask(api, 'services.control', { machine, services, action }), (outcome) => {
        if (outcome.readiness) feed.machineReadiness(outcome.readiness);
        const states = outcome.services.filter((s) => s.exists).map((s) => `${s.name}: ${s.status ?? 'unknown'}${s.startType ? `, starts ${s.startType}` : ''}`);
        return { ok: outcome.ok, lines: [...(outcome.error ? [outcome.error.message] : []), ...states] };
      }),
    rebootAndWait: (machine) =>
      run(machine, 'reboot', 'Reboot and wait', () => ask(api, 'machines.rebootAndWait', { machine, timeoutSeconds: REBOOT_WAIT_SECONDS }), (outcome) => {
        if (outcome.readiness) feed.machineReadiness(outcome.readiness);
        if (!outcome.ok) return { ok: false, lines: [outcome.error?.message ?? 'it did not come back'] };
        const ready = outcome.readiness?.ready;
        return {
          ok: true,
          lines: [`Back after ${outcome.awaySeconds} s; checked again: ${ready === true ? 'ready' : ready === false ? (outcome.readiness?.summary ?? 'not ready') : 'not checked'}.`],
        };
      }),
    applyAdapterNames: (machine) =>
      run(machine, 'adapter-names', 'Adapter names', () => ask(api, 'adapters.applyNames', { machine }), (outcome) => ({
        ok: outcome.ok,
        lines: [
          ...(outcome.error ? [outcome.error.message] : []),
          outcome.renamed ? 'Renamed.' : outcome.ok ? 'The names were right already: nothing renamed.' : '',
          ...(outcome.check ? [outcome.check.evidence] : []),
        ].filter((l) => l !== ''),
      })),
    dismissMachineAction: (machine) =>
      set((s) => {
        const { [machine]: _read, ...machineActions } = s.machineActions;
        return { machineActions };
      }),
  };
};
