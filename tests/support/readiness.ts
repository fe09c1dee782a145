import type { CheckResult, MachineReadiness } from '../../shared/readiness/results';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { labFileSchema, type LabFile } from '../../electron/lab/lab-file';
import { Machine } from '../../electron/machines/machine';
import type { PracticeLab, PracticeLabOptions } from '../../electron/practice-lab/practice-lab';
import { readinessContext } from '../../electron/readiness/context';
import { ReadinessEngine, type ReadinessEngineOptions } from '../../electron/readiness/engine';
import { fastTimings, startPracticeLab } from './practice';

export interface ReadinessLab {
  lab: PracticeLab;
  file: LabFile;
  engine: ReadinessEngine;
  machines: Machine[];
  /** Every readiness a machine pushed, in order. */
  pushed: MachineReadiness[];
  /** The latest result of a check on a machine (throws if it has none). */
  result(machine: string, check: string): CheckResult;
  /** Connects every machine that is not connected and waits until each is, with fresh facts. */
  connectAll(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * A practice lab with its machines connected over SSH and a readiness engine on them, wired as the
 * app wires it: every machine change reaches the engine.
 */
export async function readinessLab(
  labOptions: Partial<PracticeLabOptions>,
  engineOptions: Partial<Omit<ReadinessEngineOptions, 'machines' | 'context' | 'changed'>> = {},
): Promise<ReadinessLab> {
  const { lab, cleanup } = await startPracticeLab(labOptions);
  const file = labFileSchema.parse(lab.labFile());
  const hostKeys = new MemoryHostKeyStore();
  const pushed: MachineReadiness[] = [];
  const waiters = new Set<() => void>();
  let engine: ReadinessEngine | null = null;
  const machines = file.machines.map(
    (config) =>
      new Machine(config, {
        hostKeys,
        timings: fastTimings,
        changed: (view) => {
          engine?.machineChanged(view);
          for (const w of [...waiters]) w();
        },
        record: () => undefined,
      }),
  );
  engine = new ReadinessEngine({
    machines,
    context: () => readinessContext(file, null),
    changed: (r) => pushed.push(r),
    rebootWaitMs: 15_000,
    ...engineOptions,
  });
  const ready = engine;
  return {
    lab,
    file,
    engine: ready,
    machines,
    pushed,
    result(machine, check) {
      const found = ready.snapshot().machines.find((m) => m.machine === machine)?.checks.find((c) => c.check === check);
      if (!found) throw new Error(`no result of ${check} on ${machine}`);
      return found;
    },
    connectAll: () =>
      new Promise<void>((resolve, reject) => {
        // Only machines not connected yet are (re)connected; each is done once it has fresh facts.
        const waiting = new Map(machines.filter((m) => m.connectionState !== 'connected').map((m) => [m, m.view().factsAt]));
        const check = () => {
          if ([...waiting].every(([m, factsBefore]) => m.connectionState === 'connected' && m.view().factsAt !== null && m.view().factsAt !== factsBefore)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`not all machines connected: ${machines.map((m) => `${m.name} ${m.connectionState}`).join(', ')}`));
        }, 15_000);
        waiters.add(check);
        for (const m of waiting.keys()) m.connect();
        check();
      }),
    cleanup: async () => {
      ready.dispose();
      for (const m of machines) m.disconnect();
      await cleanup();
    },
  };
}
