/**
 * Log collection figures: ~500 MB (three 100 MiB files, ten 20 MiB files) collected from a real OpenSSH
 * server on loopback (Debian's sshd with internal-sftp, started here with its own configuration and
 * keys) by hlk-assist's collector, beside OpenSSH's own sftp client fetching the same folder with `sftp -b`,
 * interleaved (the order alternates each round) in one run. Both times run from opening the connection to
 * the last byte on disk; ours also hashes every byte and writes the manifest. Goal: ours at least 0.8 times
 * sftp's throughput (medians). MB is 10^6 bytes.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFilesUnder } from '../../electron/logs/analysis/log-folder';
import { Collections } from '../../electron/logs/collection/collections';
import { connectSftpTarget, sshdInstalled, SSHD, startOpenSshServer, type OpenSshServer } from '../../tests/support/openssh-server';

const ROUNDS = 7;
const GOAL_RATIO = 0.8;
const FILES = [...Array.from({ length: 3 }, (_, i) => ({ name: `dump-${i + 1}.bin`, mib: 100 })), ...Array.from({ length: 10 }, (_, i) => ({ name: `logs/log-${i + 1}.evtx`, mib: 20 }))];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Incompressible data, as dumps and event logs mostly are (SSH compression is off on both sides anyway). */
async function makeData(dir: string): Promise<number> {
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  let total = 0;
  for (const f of FILES) {
    const path = join(dir, f.name);
    await mkdir(join(path, '..'), { recursive: true });
    const file = await open(path, 'w');
    for (let left = f.mib * 1024 * 1024; left > 0; left -= chunk.length) {
      randomFillSync(chunk);
      await file.write(chunk, 0, Math.min(chunk.length, left));
    }
    await file.close();
    total += f.mib * 1024 * 1024;
  }
  return total;
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const file of await listFilesUnder(dir)) total += (await stat(file)).size;
  return total;
}

async function ours(server: OpenSshServer, data: string, runsDir: string, total: number): Promise<number> {
  const t0 = performance.now();
  const { target, link } = await connectSftpTarget(server, 'bench');
  const run = await new Collections(runsDir, () => undefined).start('benchmark', [target], [data], false);
  const view = await run.done;
  const seconds = (performance.now() - t0) / 1000;
  link.end();
  if (view.state !== 'finished' || view.files.complete !== FILES.length || view.bytes.copied !== total) {
    throw new Error(`the collection did not copy everything: ${view.state}, ${view.files.complete} files, ${view.bytes.copied} bytes`);
  }
  await rm(runsDir, { recursive: true, force: true });
  return seconds;
}

async function openssh(server: OpenSshServer, data: string, dest: string, total: number): Promise<number> {
  const batch = join(server.dir, 'batch');
  await writeFile(batch, `get -r "${data}" "${dest}"\n`);
  const t0 = performance.now();
  const r = spawnSync(
    'sftp',
    ['-q', '-b', batch, '-i', server.keyFile, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-P', String(server.port), `${server.user}@127.0.0.1`],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sftp failed (${r.status}): ${r.stderr?.toString()}`);
  const got = await bytesUnder(dest);
  if (got !== total) throw new Error(`sftp fetched ${got} bytes, not ${total}`);
  await rm(dest, { recursive: true, force: true });
  return seconds;
}

async function main(): Promise<void> {
  if (!sshdInstalled()) {
    console.log(`skipped: ${SSHD} is not installed (apt-get install openssh-server openssh-client)`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'hlka-bench-collect-'));
  const server = await startOpenSshServer();
  try {
    const data = join(dir, 'data');
    const total = await makeData(data);
    const mb = total / 1e6;
    const oursTimes: number[] = [];
    const sftpTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const runOurs = async () => oursTimes.push(await ours(server, data, join(dir, 'runs'), total));
      const runSftp = async () => sftpTimes.push(await openssh(server, data, join(dir, 'sftp'), total));
      if (round % 2 === 0) {
        await runOurs();
        await runSftp();
      } else {
        await runSftp();
        await runOurs();
      }
    }
    const oursMBs = oursTimes.map((s) => mb / s);
    const sftpMBs = sftpTimes.map((s) => mb / s);
    const ratio = median(oursMBs) / median(sftpMBs);
    const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(`collected ${FILES.length} files, ${mb.toFixed(0)} MB, from OpenSSH on loopback, ${ROUNDS} rounds interleaved:`);
    console.log(`  hlk-assist collector: median ${median(oursMBs).toFixed(1)} MB/s (${list(oursMBs)}), SHA-256 and manifest included`);
    console.log(`  OpenSSH sftp -b:      median ${median(sftpMBs).toFixed(1)} MB/s (${list(sftpMBs)})`);
    console.log(`  ratio: ${ratio.toFixed(2)} (goal >= ${GOAL_RATIO})`);
    if (ratio < GOAL_RATIO) process.exitCode = 1;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
