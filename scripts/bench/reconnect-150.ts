/**
 * Reconnecting a lab of 150 machines (HLK's limit per controller) again and again, with a browser
 * watching through the web host: every machine disconnected, then every machine connected, 20 times.
 * Each reconnect sets off the readiness checks and the checklist of every machine, a burst of events.
 * Per cycle: the time until every machine is connected again, what the web host pushed to the browser
 * (bytes and events), and the host's memory once the burst is over (after a full garbage collection).
 * A second browser that stops reading is connected too: it must be dropped, not buffered.
 * Goal: reconnect time and memory flat from the first cycle to the last.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ApiEventMessage } from '../../shared/api';
import type { MachineView } from '../../shared/lab';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { readyScenario } from '../../electron/practice-lab/scenarios';
import { LabService } from '../../electron/service/lab-service';
import { WebHost } from '../../electron/web/web-host';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
/** `--machines N` and `--cycles N` for a quicker look; `--no-web-host` leaves the web host out, to tell its memory from the service's. */
const MACHINES = Number(option('--machines')) || 150;
const cycles = Number(option('--cycles')) || 20;
const withWebHost = !process.argv.includes('--no-web-host');
/** The burst is over once no event came for this long. */
const QUIET_MS = 500;
const CYCLE_TIMEOUT_MS = 180_000;

interface Cycle {
  reconnectMs: number;
  pushedMb: number;
  pushedEvents: number;
  heapMb: number;
  rssMb: number;
}

function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-bench-reconnect-'));
  const lab = await PracticeLab.start({ dir: join(dir, 'lab'), custom: readyScenario({ clients: MACHINES - 3, supports: 2 }) });
  const labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(lab.labFile('Reconnect bench')));
  const service = new LabService({ dataDir: join(dir, 'data'), host: 'web' });
  const host = withWebHost ? new WebHost({ service, rendererDir: join(dir, 'renderer') }) : null;
  await host?.listen();
  const names = lab.labFile().machines.map((m) => m.name);

  let lastEvent = performance.now();
  const connected = new Set<string>();
  service.subscribe((e: ApiEventMessage) => {
    lastEvent = performance.now();
    if (e.name !== 'machine') return;
    const view = e.payload as MachineView;
    if (view.state === 'connected' && view.facts) connected.add(view.name);
    else connected.delete(view.name);
  });

  let pushedBytes = 0;
  let pushedEvents = 0;
  const browsers: WebSocket[] = [];
  if (host) {
    const url = `ws://127.0.0.1:${host.port}/api?token=${host.token}`;
    const origin = `http://127.0.0.1:${host.port}`;
    const reader = new WebSocket(url, { origin });
    reader.on('message', (d: Buffer) => {
      pushedBytes += d.length;
      pushedEvents++;
    });
    await new Promise((resolve, reject) => reader.once('open', resolve).once('error', reject));
    const stalled = new WebSocket(url, { origin });
    await new Promise((resolve, reject) => stalled.once('open', resolve).once('error', reject));
    stalled.on('error', () => undefined);
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    browsers.push(reader, stalled);
  }

  const opened = await service.handle('lab.open', { path: labPath });
  if (!opened.ok) throw new Error(opened.error.message);

  const until = async (done: () => boolean, what: string) => {
    const deadline = performance.now() + CYCLE_TIMEOUT_MS;
    while (!done()) {
      if (performance.now() > deadline) throw new Error(`${what}: not within ${CYCLE_TIMEOUT_MS / 1000} s (${connected.size} of ${MACHINES} connected)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const quiet = () => until(() => performance.now() - lastEvent > QUIET_MS, 'the burst to end');
  await until(() => connected.size === MACHINES, 'first connect');
  await quiet();

  const results: Cycle[] = [];
  let browsersAtEnd = 0;
  try {
    for (let c = 0; c < cycles; c++) {
      for (const name of names) await service.handle('machines.disconnect', { machine: name });
      await until(() => connected.size === 0, 'disconnect');
      await quiet();
      pushedBytes = 0;
      pushedEvents = 0;
      const started = performance.now();
      for (const name of names) await service.handle('machines.connect', { machine: name });
      await until(() => connected.size === MACHINES, 'reconnect');
      const reconnectMs = performance.now() - started;
      await quiet();
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      results.push({ reconnectMs, pushedMb: mb(pushedBytes), pushedEvents, heapMb: mb(memory.heapUsed), rssMb: mb(memory.rss) });
      const r = results[results.length - 1]!;
      console.log(
        `cycle ${String(c + 1).padStart(2)}: reconnect ${r.reconnectMs.toFixed(0)} ms; pushed to the browser ${r.pushedMb.toFixed(1)} MB in ${r.pushedEvents} events; ` +
          `heap ${r.heapMb.toFixed(0)} MB, RSS ${r.rssMb.toFixed(0)} MB`,
      );
    }
    browsersAtEnd = host?.browserCount ?? 0;
  } finally {
    for (const b of browsers) b.terminate();
    await host?.close();
    await service.close();
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  console.log(
    `${MACHINES} machines, ${results.length} reconnect cycles: reconnect ${first.reconnectMs.toFixed(0)} ms first, ${last.reconnectMs.toFixed(0)} ms last; ` +
      `heap ${first.heapMb.toFixed(0)} -> ${last.heapMb.toFixed(0)} MB, RSS ${first.rssMb.toFixed(0)} -> ${last.rssMb.toFixed(0)} MB; ` +
      (host
        ? `pushed per cycle ${first.pushedMb.toFixed(1)} MB first, ${last.pushedMb.toFixed(1)} MB last; the browser that stopped reading: ${browsersAtEnd === 1 ? 'dropped' : 'still connected (NOT dropped)'} `
        : 'no web host ') +
      `(goal: reconnect and memory flat)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
