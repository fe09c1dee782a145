/** The request loop against the real peer (Debian's sshd, real PowerShell 7): part of connect-and-round-trip. */
import { z } from 'zod';
import type { Client } from 'ssh2';
import { defineOperation } from '../../../shared/operations/define';
import { MemoryHostKeyStore } from '../../../electron/lab/host-keys';
import type { SshMachine } from '../../../electron/lab/lab-file';
import { LOOP_FUNCTIONS, LOOP_SCRIPT_LINE } from '../../../electron/transport/framing';
import type { Link } from '../../../electron/transport/link';
import { RequestLoop, type LoopChannel } from '../../../electron/transport/request-loop';
import { startSshLink } from '../../../electron/transport/ssh-link';
import { findPwsh } from '../../../tests/support/find-pwsh';
import { sshdInstalled, startOpenSshServer, type OpenSshServer } from '../../../tests/support/openssh-server';
import { connectBareClient } from './bare-ssh-client';

const FIRST_ANSWER_RUNS = 5;
const ROUNDS = 10;
const PER_ROUND_LOOP = 30;
const PER_ROUND_EXEC = 2;

const answer = defineOperation({
  name: 'bench.answer',
  area: 'system',
  title: 'an answer of a given size',
  description: 'returns a string of the given length',
  params: z.object({ size: z.number() }),
  result: z.unknown(),
  script: "param($p)\n'x' * $p.size",
  timeoutMs: 30_000,
  changesMachine: false,
});

/** The serve loop as it was: each frame through Console.Out's WriteLine, which writes it in pieces. */
const PIECEWISE_SERVE = `
function Write-HlkaFrame($Answer) {
    [Console]::Out.WriteLine((Format-HlkaFrame $Answer))
    [Console]::Out.Flush()
}
Write-HlkaFrame @{ id = 'ready'; ok = $true; result = @{ protocol = 1; powershell = $PSVersionTable.PSVersion.ToString(); pid = $PID } }
while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    if ($line.Length -eq 0) { continue }
    Write-HlkaFrame (Invoke-HlkaRequest $line)
}
`;
const PIECEWISE_LINE = `${Buffer.from(`${LOOP_FUNCTIONS}\n${PIECEWISE_SERVE}`, 'utf8').toString('base64')}\n`;

/** Sends the piecewise loop in place of ours: everything else (bootstrap, requests, frames) is the same. */
function piecewise(inner: LoopChannel): LoopChannel {
  return { ...inner, write: (text) => inner.write(text === LOOP_SCRIPT_LINE ? PIECEWISE_LINE : text), onStdout: (l) => inner.onStdout(l), onStderr: (l) => inner.onStderr(l), onClose: (l) => inner.onClose(l), close: () => inner.close() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function connect(server: OpenSshServer): Promise<Link> {
  const machine: SshMachine = { name: 'sshd', role: 'client', connection: 'ssh', host: '127.0.0.1', port: server.port, user: server.user, auth: { type: 'key', file: server.keyFile } };
  return new Promise((resolve, reject) => {
    const link = startSshLink(
      { machine, password: undefined, hostKeys: new MemoryHostKeyStore(), keepaliveIntervalMs: 5000, keepaliveCountMax: 3, connectTimeoutMs: 30_000, hostKeyAccepted: () => undefined },
      { ready: () => resolve(link), dropped: () => undefined, failed: (f) => reject(new Error(`${f.kind}: ${f.message}`)) },
    );
  });
}

/** One exec channel running `command`, all output read, until it closes. */
function execOnce(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      let out = '';
      stream.on('data', (d: Buffer) => (out += d.toString()));
      stream.stderr.on('data', () => undefined);
      stream.on('close', () => resolve(out));
    });
  });
}

export async function realPowerShellFigures(): Promise<void> {
  const pwsh = findPwsh();
  if (!sshdInstalled() || !pwsh) {
    console.log(`real sshd + real PowerShell: skipped (${!pwsh ? 'pwsh is not installed' : 'sshd is not installed'})`);
    return;
  }
  const server = await startOpenSshServer({ pwsh });
  try {
    const firstAnswer: number[] = [];
    for (let i = 0; i < FIRST_ANSWER_RUNS; i++) {
      const t = performance.now();
      const link = await connect(server);
      const loop = await RequestLoop.start(await link.openChannel(30_000), 'sshd', 60_000);
      await loop.run(answer, { size: 2 }, 30_000);
      firstAnswer.push(performance.now() - t);
      loop.close();
      link.end();
    }
    console.log(`real sshd + PowerShell ${(await versionOf(server)).trim()}: connect to the first answer: median ${median(firstAnswer).toFixed(0)} ms over ${FIRST_ANSWER_RUNS} runs (PowerShell's start included)`);

    const link = await connect(server);
    const ours = await RequestLoop.start(await link.openChannel(30_000), 'sshd', 60_000);
    const old = await RequestLoop.start(piecewise(await link.openChannel(30_000)), 'sshd', 60_000);
    const sizes = [2, 4096, 65_536];
    const times = new Map<string, number[]>();
    const note = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
    const raw = await connectBareClient('127.0.0.1', server.port, server.user, server.keyFile);
    // What a tool without a loop does: a fresh PowerShell per operation, its script on the command line.
    const naive = `powershell.exe -NoLogo -NoProfile -NonInteractive -Command "'x' * 2"`;
    for (let round = 0; round < ROUNDS; round++) {
      for (const size of sizes) {
        for (const [name, loop] of [['one write', ours], ['piecewise', old]] as const) {
          for (let i = 0; i < PER_ROUND_LOOP; i++) {
            const t = performance.now();
            await loop.run(answer, { size }, 30_000);
            note(`${name} ${size}`, performance.now() - t);
          }
        }
      }
      for (let i = 0; i < PER_ROUND_EXEC; i++) {
        const t = performance.now();
        await execOnce(raw, naive);
        note('exec', performance.now() - t);
      }
    }
    for (const size of sizes) {
      const a = median(times.get(`one write ${size}`)!);
      const b = median(times.get(`piecewise ${size}`)!);
      console.log(`real sshd + PowerShell, request loop, ${String(size).padStart(5)}-character answer: median ${a.toFixed(3)} ms one write, ${b.toFixed(3)} ms written in pieces (${ROUNDS * PER_ROUND_LOOP} each)`);
    }
    const loopSmall = median(times.get('one write 2')!);
    const exec = median(times.get('exec')!);
    console.log(`real sshd + PowerShell, one ssh exec of PowerShell per operation: median ${exec.toFixed(0)} ms (${ROUNDS * PER_ROUND_EXEC} operations)`);
    console.log(`exec per operation / request loop on the real peer: ${(exec / loopSmall).toFixed(0)}x`);
    raw.end();
    ours.close();
    old.close();
    link.end();
  } finally {
    await server.stop();
  }
}

async function versionOf(server: OpenSshServer): Promise<string> {
  const link = await connect(server);
  const loop = await RequestLoop.start(await link.openChannel(30_000), 'sshd', 60_000);
  const version = loop.session?.powershell ?? 'unknown';
  loop.close();
  link.end();
  return version;
}
