/**
 * Connecting and the request loop's round trip, in one run:
 *  1. against the practice lab on loopback: wall time to connect to all four machines and fetch their
 *     facts (goal: under 1 s); operation round trip over the request loop (goal: median under 5 ms),
 *     beside one SSH exec per operation on the same connection, interleaved.
 *  2. against the real peer: Debian's sshd on loopback with a powershell.exe that starts PowerShell 7, as
 *     Windows OpenSSH starts Windows PowerShell: the time from connecting to the first answer; the loop's
 *     round trip for small, 4 KiB and 64 KiB answers, with each frame written at once (as the loop does)
 *     and, beside it, written through Console.Out as before (in pieces, which sshd without TCP_NODELAY
 *     may hold back for a delayed ACK); and one `ssh exec` of PowerShell per operation, what a tool
 *     without a loop does. Skipped, saying why, where sshd or pwsh is missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryHostKeyStore } from '../../electron/lab/host-keys';
import { Machine, defaultTimings } from '../../electron/machines/machine';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { RequestLoop } from '../../electron/transport/request-loop';
import { openLoopChannel } from '../../electron/transport/ssh-channel';
import { systemBootTime } from '../../shared/operations/system';
import { realPowerShellFigures } from './support/real-powershell-round-trip';
import { connectBareClient } from './support/bare-ssh-client';

const CONNECT_RUNS = 15;
const ROUNDS = 10;
const PER_ROUND_LOOP = 100;
const PER_ROUND_EXEC = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function connectAll(lab: PracticeLab): Promise<{ ms: number; machines: Machine[] }> {
  const keys = new MemoryHostKeyStore();
  const t0 = performance.now();
  const machines: Machine[] = [];
  await Promise.all(
    lab.labFile().machines.map(
      (config) =>
        new Promise<void>((resolve) => {
          const m = new Machine(config, {
            hostKeys: keys,
            timings: defaultTimings,
            changed: (v) => {
              if (v.state === 'connected' && v.facts) resolve();
            },
            record: () => undefined,
          });
          machines.push(m);
          m.connect();
        }),
    ),
  );
  return { ms: performance.now() - t0, machines };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-bench-'));
  const lab = await PracticeLab.start({ dir });
  try {
    const connectTimes: number[] = [];
    for (let i = 0; i < CONNECT_RUNS; i++) {
      const { ms, machines } = await connectAll(lab);
      connectTimes.push(ms);
      machines.forEach((m) => m.disconnect());
    }
    console.log(`connect to all 4 machines and fetch facts: median ${median(connectTimes).toFixed(1)} ms, max ${Math.max(...connectTimes).toFixed(1)} ms over ${CONNECT_RUNS} runs (goal < 1000 ms)`);

    const { machines } = await connectAll(lab);
    const client1 = machines.find((m) => m.name === 'client1')!;
    const config = lab.labFile().machines.find((m) => m.name === 'client1')!;
    const raw = await connectBareClient(config.host, config.port, config.user, lab.keyFile);

    const loopTimes: number[] = [];
    const execTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND_LOOP; i++) {
        const t = performance.now();
        await client1.run(systemBootTime, {});
        loopTimes.push(performance.now() - t);
      }
      for (let i = 0; i < PER_ROUND_EXEC; i++) {
        const t = performance.now();
        const loop = await RequestLoop.start(await openLoopChannel(raw, 10_000), 'client1', 10_000);
        await loop.run(systemBootTime, {}, 10_000);
        loop.close();
        execTimes.push(performance.now() - t);
      }
    }
    const ml = median(loopTimes);
    const me = median(execTimes);
    console.log(`round trip over the request loop: median ${ml.toFixed(3)} ms, p95 ${percentile(loopTimes, 95).toFixed(3)} ms (${loopTimes.length} operations; goal median < 5 ms)`);
    console.log(`one SSH exec per operation:       median ${me.toFixed(3)} ms, p95 ${percentile(execTimes, 95).toFixed(3)} ms (${execTimes.length} operations)`);
    console.log(`exec per operation / request loop: ${(me / ml).toFixed(1)}x (before PowerShell's start-up, which the loop pays once)`);
    raw.end();
    machines.forEach((m) => m.disconnect());
  } finally {
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  }
  await realPowerShellFigures();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
