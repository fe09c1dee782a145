import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Collections } from '../../electron/logs/collection/collections';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { startPracticeLab, watch, type Watched } from '../support/practice';

let lab: PracticeLab;
let cleanup: () => Promise<void>;
let runsDir: string;
let machines: Watched[];

beforeEach(async () => {
  ({ lab, cleanup } = await startPracticeLab());
  runsDir = await mkdtemp(join(tmpdir(), 'hlka-runs-'));
  machines = lab.labFile().machines.map((m) => watch(m));
  machines.forEach((w) => w.machine.connect());
  await Promise.all(machines.map((w) => w.until((v) => v.state === 'connected')));
});

afterEach(async () => {
  machines.forEach((w) => w.machine.disconnect());
  await cleanup();
  await rm(runsDir, { recursive: true, force: true });
});

// The web host once warned "MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]":
// every file copied at once on every machine listened on the run's one signal. Each machine now has a
// signal of its own, so what listens on one signal is bounded by the files one machine copies at once.
test('collecting from every machine at once adds no more abort listeners to one signal than Node allows without a warning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    // Small chunks and a little latency keep four files per machine in flight at the same time.
    for (const m of lab.labFile().machines) lab.host(m.name).faults.latencyMs = 5;
    const c = new Collections(runsDir, () => undefined, { chunkSize: 16 * 1024, depth: 2, parallelFiles: 4 });
    const run = await c.start('Practice lab', machines.map((w) => w.machine), [], false);
    const view = await run.done;
    expect(view.state).toBe('finished');
    expect(view.files.complete).toBeGreaterThan(16);
    // A warning is emitted on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
});
