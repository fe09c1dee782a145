import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defineOperation, type OperationDefinition } from '../../shared/operations/define';
import { operations } from '../../shared/operations';
import { decodeRequest } from '../../electron/transport/framing';
import type { Link } from '../../electron/transport/link';
import { RequestLoop, type LoopChannel } from '../../electron/transport/request-loop';
import { HOSTILE_PIECES, hostileString } from './hostile-strings';
import { failureOf } from './operation-failure';

/**
 * The request loop in real PowerShell, the same tests for every way of reaching a machine (Debian's sshd
 * with a powershell.exe that starts pwsh; this computer through node-powershell). The operations here
 * are small scripts made for the test; the real operations run against the Windows stand-in elsewhere.
 */

const anything = z.unknown();
const testOperation = (name: string, script: string, timeoutMs = 30_000): OperationDefinition =>
  defineOperation({ name, area: 'system', title: name, description: 'a script for the transport tests', params: anything, result: anything, script, timeoutMs, changesMachine: false });

export const echo = testOperation('test.echo', 'param($p)\n$p.value');
export const fail = testOperation('test.fail', "param($p)\n$before = 1\nthrow ('it broke: ' + $p.why)");
export const bigAnswer = testOperation('test.big', "param($p)\n@{ text = ('0123456789abcdef' * $p.blocks); count = $p.blocks }");
export const hang = testOperation('test.hang', 'param($p)\nStart-Sleep -Seconds $p.seconds\n"woke up"');
export const napAndTime = testOperation(
  'test.nap',
  "param($p)\n$start = [DateTime]::UtcNow.Ticks\nStart-Sleep -Milliseconds $p.ms\n@{ pid = $PID; start = $start; end = [DateTime]::UtcNow.Ticks }",
);
/** A result whose enumeration throws: ConvertTo-Json fails on it, after the script itself succeeded. */
export const unserializable = testOperation(
  'test.unserializable',
  "param($p)\n@{ items = [System.Linq.Enumerable]::Select([int[]](1, 2), [Func[int, int]] { param($x) throw ('cannot enumerate ' + $x) }) }",
);
export const astral = testOperation('test.astral', "param($p)\n@{ made = [char]::ConvertFromUtf32(0x1F600) + [char]::ConvertFromUtf32(0x1D518); lone = [string][char]0xD800 + 'x'; got = $p.value; length = $p.value.Length }");

/** A channel that notes every line written to the machine, so a test can see what was sent. */
export class RecordingChannel implements LoopChannel {
  readonly written: string[] = [];
  constructor(private readonly inner: LoopChannel) {}
  write(text: string): void {
    this.written.push(text);
    this.inner.write(text);
  }
  onStdout(listener: (text: string) => void): void {
    this.inner.onStdout(listener);
  }
  onStderr(listener: (text: string) => void): void {
    this.inner.onStderr(listener);
  }
  onClose(listener: () => void): void {
    this.inner.onClose(listener);
  }
  close(): void {
    this.inner.close();
  }
}

/**
 * What PowerShell 7's ConvertFrom-Json makes of a string: a lone UTF-16 surrogate (not text, but legal in
 * JSON and in NTFS names) becomes U+FFFD. Windows PowerShell 5.1 keeps it; on the way back the loop
 * escapes surrogates, so nothing is lost there. Every other string comes back as it went.
 */
export function asPwsh7Reads(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}


/** Waits (bounded) until a process on this computer is gone. */
export async function processGone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!existsSync(`/proc/${pid}`) || /\) Z /.test(await readStat(pid))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function readStat(pid: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ') Z ');
}

export interface LoopHost {
  /** The link to the machine, up. */
  link(): Link;
  /** Starts loops with a longer limit than usual: pwsh starts slowly on a busy two-core machine. */
  startMs: number;
}

/** Starts a loop on the host's link; the caller closes it. */
export async function startLoop(host: LoopHost, record = false): Promise<{ loop: RequestLoop; channel: RecordingChannel | null }> {
  const raw = await host.link().openChannel(20_000);
  const channel = record ? new RecordingChannel(raw) : null;
  const loop = await RequestLoop.start(channel ?? raw, 'lab-machine', host.startMs);
  return { loop, channel };
}

/** The tests every transport passes. `host` is ready once the caller's beforeAll has run. */
export function requestLoopTests(host: LoopHost): void {
  let loop: RequestLoop;
  let channel: RecordingChannel;

  beforeAll(async () => {
    const started = await startLoop(host, true);
    loop = started.loop;
    channel = started.channel!;
  });
  afterAll(() => loop?.close());

  it('starts the loop in real PowerShell and says which', () => {
    expect(loop.session?.powershell).toMatch(/^7\.\d+\.\d+/);
    expect(loop.session?.pid).toBeGreaterThan(0);
  });

  it("answers an operation, and sends each script once per session (the second call names it by SHA-256 only)", async () => {
    expect(await loop.run(echo, { value: 'first' }, 20_000)).toBe('first');
    expect(await loop.run(echo, { value: 'second' }, 20_000)).toBe('second');
    const requests = channel.written.slice(1).map((line) => decodeRequest(line.trimEnd()));
    const echoes = requests.filter((r) => r.op === echo.name);
    expect(echoes).toHaveLength(2);
    expect(echoes[0]!.script).toBe(echo.script);
    expect(echoes[1]!.script).toBeUndefined();
    expect(echoes[1]!.sha).toBe(createHash('sha256').update(echo.script, 'utf8').digest('hex'));
  });

  it('brings back an answer of about 10 MB whole', async () => {
    const blocks = 640 * 1024; // 16 characters each: 10 MiB of text
    const result = (await loop.run(bigAnswer, { blocks }, 110_000)) as { text: string; count: number };
    expect(result.count).toBe(blocks);
    expect(result.text.length).toBe(16 * blocks);
    expect(createHash('sha256').update(result.text).digest('hex')).toBe(createHash('sha256').update('0123456789abcdef'.repeat(blocks)).digest('hex'));
  }, 120_000);

  it("gives a script that throws back as script-error with PowerShell's own message and line", async () => {
    const error = await failureOf(loop.run(fail, { why: 'the adapter is gone' }, 20_000));
    expect(error).toMatchObject({ kind: 'script-error', message: 'it broke: the adapter is gone', operation: 'test.fail' });
    expect(error.detail).toMatchObject({ line: 3, type: 'System.Management.Automation.RuntimeException' });
    expect(await loop.run(echo, { value: 'still here' }, 20_000)).toBe('still here');
  });

  it('fails only the request whose result cannot be written as JSON, and goes on', async () => {
    const error = await failureOf(loop.run(unserializable, {}, 20_000));
    expect(error.kind).toBe('script-error');
    expect(error.message).toMatch(/^the result could not be written as JSON: .*cannot enumerate 1/);
    expect(error.detail).toMatchObject({ category: 'InvalidResult' });
    expect(loop.isClosed).toBe(false);
    expect(await loop.run(echo, { value: 'after' }, 20_000)).toBe('after');
  });

  it('carries characters outside the BMP both ways, and counts them as PowerShell does (UTF-16)', async () => {
    const value = 'pool 😀 𝔘 中文 é';
    const result = (await loop.run(astral, { value }, 20_000)) as { made: string; lone: string; got: string; length: number };
    expect(result).toEqual({ made: '😀𝔘', lone: '\uD800x', got: value, length: value.length });
  });

  it('takes every hostile string as data: a real script echoes each back unchanged', async () => {
    for (const piece of HOSTILE_PIECES) {
      expect(await loop.run(echo, { value: piece }, 20_000)).toBe(asPwsh7Reads(piece));
    }
    // And mixtures of them with arbitrary UTF-16, lone surrogates included, all in one request each.
    const samples = fc.sample(fc.array(hostileString, { minLength: 20, maxLength: 40 }), { numRuns: 5, seed: 9 });
    for (const values of samples) {
      expect(await loop.run(echo, { value: values }, 30_000)).toEqual(values.map(asPwsh7Reads));
    }
  }, 120_000);

  it('runs real operation scripts: a parameter the script reads comes through as data', async () => {
    // Every operation's script compiles in real PowerShell in the session (sent, cached, run up to its param block).
    const parseOnly = testOperation('test.parse', "param($p)\n$errors = $null\n[void][System.Management.Automation.Language.Parser]::ParseInput([string]$p.script, [ref]$null, [ref]$errors)\n@($errors | ForEach-Object { $_.Message })");
    for (const op of operations) {
      expect({ op: op.name, errors: await loop.run(parseOnly, { script: op.script }, 20_000) }).toEqual({ op: op.name, errors: null });
    }
  }, 60_000);

  it('ends a request that hangs at its time limit; a fresh loop answers next, and the hung PowerShell ends itself', async () => {
    const { loop: doomed } = await startLoop(host);
    const pid = doomed.session!.pid;
    const error = await failureOf(doomed.run(hang, { seconds: 600 }, 1500));
    expect(error.kind).toBe('timeout');
    expect(doomed.isClosed).toBe(true);
    const { loop: fresh } = await startLoop(host);
    try {
      expect(fresh.session!.pid).not.toBe(pid);
      expect(await fresh.run(echo, { value: 'fresh' }, 20_000)).toBe('fresh');
    } finally {
      fresh.close();
    }
    // The watchdog: 1.5 s limit + 5 s grace; a busy machine gets more time to notice.
    expect(await processGone(pid, 20_000)).toBe(true);
  }, 120_000);

  it('runs three loops on one machine at once, each in its own PowerShell', async () => {
    const three = await Promise.all([startLoop(host), startLoop(host), startLoop(host)]);
    try {
      const naps = (await Promise.all(three.map(({ loop: l }) => l.run(napAndTime, { ms: 1500 }, 30_000)))) as Array<{ pid: number; start: number; end: number }>;
      expect(new Set(naps.map((n) => n.pid)).size).toBe(3);
      // Each nap began before every other one ended: they ran side by side, not one after another.
      for (const a of naps) for (const b of naps) expect(a.start).toBeLessThan(b.end);
    } finally {
      for (const { loop: l } of three) l.close();
    }
  }, 120_000);
}
