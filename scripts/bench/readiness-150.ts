/**
 * Readiness at scale: a practice lab of 4, 40 and 150 simulated machines (150 is HLK's limit per
 * controller: one controller, one or two support machines, the rest clients), every check of every
 * machine run in full. Each size runs in its own process so its peak RSS is its own; the simulator
 * runs in that process too. Figures:
 *  - cold: from creating the machines to every check judged (SSH connect, facts, every reading);
 *  - warm: a full check again on the connected lab (what the watch interval costs);
 * each the median of a few runs. Goal at 150: under 10 s wall on a 2-core machine, under 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { labFileSchema } from '../../electron/lab/lab-file';
import { Machine, defaultTimings } from '../../electron/machines/machine';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { readyScenario } from '../../electron/practice-lab/scenarios';
import { readinessContext } from '../../electron/readiness/context';
import { ReadinessEngine } from '../../electron/readiness/engine';

const SIZES = [4, 40, 150];
const COLD_RUNS = 3;
const WARM_RUNS = 5;

interface Figures {
  machines: number;
  labStartMs: number;
  coldMs: number[];
  warmMs: number[];
  maxRssMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One size, in this process: start the lab, then check it cold a few times and warm a few times. */
async function measure(size: number): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-bench-readiness-'));
  const supports = size >= 40 ? 2 : 1;
  const t0 = performance.now();
  const lab = await PracticeLab.start({ dir, custom: readyScenario({ clients: size - 1 - supports, supports }) });
  const labStartMs = performance.now() - t0;
  const file = labFileSchema.parse(lab.labFile());
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  try {
    for (let run = 0; run < COLD_RUNS; run++) {
      const started = performance.now();
      const connected = new Set<string>();
      let allConnected!: () => void;
      const ready = new Promise<void>((resolve) => (allConnected = resolve));
      let engine: ReadinessEngine | null = null;
      const keys = new MemoryHostKeyStore();
      const machines = file.machines.map(
        (config) =>
          new Machine(config, {
            hostKeys: keys,
            timings: defaultTimings,
            changed: (view) => {
              engine?.machineChanged(view);
              if (view.state === 'connected' && view.facts) {
                connected.add(view.name);
                if (connected.size === file.machines.length) allConnected();
              }
            },
            record: () => undefined,
          }),
      );
      engine = new ReadinessEngine({ machines, context: () => readinessContext(file, null), changed: () => undefined });
      for (const m of machines) m.connect();
      await ready;
      const snapshot = await engine.run();
      coldMs.push(performance.now() - started);
      const notReady = snapshot.machines.filter((m) => m.ready !== true);
      if (notReady.length > 0) throw new Error(`not every machine is ready: ${notReady.slice(0, 3).map((m) => `${m.machine}: ${m.summary}`).join('; ')}`);
      if (run === COLD_RUNS - 1) {
        for (let w = 0; w < WARM_RUNS; w++) {
          const t = performance.now();
          await engine.run();
          warmMs.push(performance.now() - t);
        }
      }
      engine.dispose();
      for (const m of machines) m.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return { machines: size, labStartMs, coldMs, warmMs, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg >= 0) {
    process.stdout.write(`${JSON.stringify(await measure(Number(process.argv[sizeArg + 1])))}\n`);
    return;
  }
  const all: Figures[] = [];
  for (const size of SIZES) {
    const child = spawnSync(process.execPath, [process.argv[1]!, '--size', String(size)], { encoding: 'utf8', timeout: 600_000 });
    if (child.status !== 0) throw new Error(`size ${size} failed: ${child.stderr || child.stdout}`);
    const figures = JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures;
    all.push(figures);
    console.log(
      `${String(size).padStart(3)} machines: full check cold (connect + every check) median ${median(figures.coldMs).toFixed(0)} ms ` +
        `(max ${Math.max(...figures.coldMs).toFixed(0)}, ${figures.coldMs.length} runs); warm median ${median(figures.warmMs).toFixed(0)} ms ` +
        `(${figures.warmMs.length} runs); practice lab start ${figures.labStartMs.toFixed(0)} ms; peak RSS ${figures.maxRssMb.toFixed(0)} MB`,
    );
  }
  const big = all.find((f) => f.machines === 150)!;
  const small = all.find((f) => f.machines === 4)!;
  console.log(
    `growth 4 -> 150 machines: cold x${(median(big.coldMs) / median(small.coldMs)).toFixed(1)}, warm x${(median(big.warmMs) / median(small.warmMs)).toFixed(1)} ` +
      `for x37.5 the machines (goal at 150: < 10000 ms wall, < 300 MB)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
