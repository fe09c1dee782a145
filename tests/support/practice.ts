import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEventKind, MachineView } from '../../shared/lab';
import { MemoryHostKeyStore, type HostKeyStore } from '../../electron/lab/host-keys';
import type { LabMachine } from '../../electron/lab/lab-file';
import { Machine, type MachineTimings } from '../../electron/machines/machine';
import { PracticeLab, type PracticeLabOptions } from '../../electron/practice-lab/practice-lab';

/** Short timings so drops, reboots and retries happen in test time. */
export const fastTimings: MachineTimings = {
  keepaliveIntervalMs: 200,
  keepaliveCountMax: 3,
  connectTimeoutMs: 5000,
  loopStartTimeoutMs: 5000,
  reconnectInitialMs: 100,
  reconnectMaxMs: 400,
};

export interface Watched {
  machine: Machine;
  views: MachineView[];
  events: Array<{ kind: LabEventKind; text: string }>;
  /** Resolves when the machine's view satisfies the predicate (checked on every change), or rejects after ms. */
  until(predicate: (view: MachineView) => boolean, ms?: number): Promise<MachineView>;
}

export function watch(config: LabMachine, hostKeys: HostKeyStore = new MemoryHostKeyStore(), timings = fastTimings): Watched {
  const views: MachineView[] = [];
  const events: Watched['events'] = [];
  const waiters = new Set<() => void>();
  const machine = new Machine(config, {
    hostKeys,
    timings,
    changed: (view) => {
      views.push(view);
      for (const w of [...waiters]) w();
    },
    record: (kind, text) => events.push({ kind, text }),
  });
  return {
    machine,
    views,
    events,
    until(predicate, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const view = machine.view();
          if (predicate(view)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(view);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${config.name}: condition not reached within ${ms} ms; last state ${machine.view().state} (${machine.view().stateDetail})`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

export async function startPracticeLab(options: Partial<PracticeLabOptions> = {}): Promise<{ lab: PracticeLab; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-lab-'));
  const lab = await PracticeLab.start({ dir, rebootDownMs: 300, ...options });
  return {
    lab,
    cleanup: async () => {
      await lab.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
