import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { startPracticeLab } from '../support/practice';

/**
 * `hlk-assist check` on a lab with a password machine and an encrypted key: on a terminal (a real
 * pseudo-terminal from util-linux's script) it asks for both without echoing them; without one it exits 2
 * naming the machines.
 */

let lab: PracticeLab;
let cleanup: () => Promise<void>;
let dir: string;
let labPath: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', 'node'], { stdio: 'pipe', timeout: 120_000 });
  ({ lab, cleanup } = await startPracticeLab());
  dir = await mkdtemp(join(tmpdir(), 'hlka-cli-secrets-'));
  await copyFile(lab.keyFile, join(dir, 'encrypted'));
  execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'key phrase', '-f', join(dir, 'encrypted')]);
  const file = lab.labFile('Secrets lab');
  for (const m of file.machines) {
    if (m.name === 'support') Object.assign(m, { auth: { type: 'password' } });
    if (m.name === 'client2') Object.assign(m, { auth: { type: 'key', file: join(dir, 'encrypted') } });
  }
  labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(file));
}, 150_000);
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  output: string;
}

/** Runs check; with `answers`, on a pseudo-terminal, typing each answer when its prompt appears. */
function check(answers: Array<[RegExp, string]> | null, timeoutMs = 60_000): Promise<Run> {
  const env = { ...process.env, HLK_ASSIST_HOME: join(dir, 'home') };
  const command = [process.execPath, 'dist/cli.js', 'check', '--lab', labPath];
  const child = answers
    ? spawn('script', ['-qec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], { env })
    : spawn(command[0]!, command.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve) => {
    let output = '';
    const pending = [...(answers ?? [])];
    const onData = (d: Buffer) => {
      output += d.toString();
      const next = pending[0];
      if (next && next[0].test(output)) {
        pending.shift();
        child.stdin!.write(`${next[1]}\r`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(process.platform !== 'win32')('check asks for secrets on a terminal', () => {
  test('without a terminal it exits 2 at once, naming the machines that need one', async () => {
    const run = await check(null);
    expect(run.code).toBe(2);
    expect(run.output).toBe(
      'hlk-assist check: client2, support need passwords or key passphrases: run hlk-assist check on a terminal to type them (they are never stored)\n',
    );
  });

  test('on a terminal it asks for the passphrase and the password, echoes neither, and checks every machine', async () => {
    const password = lab.host('support').password;
    const run = await check([
      [/Passphrase for the key file .*encrypted \(client2\): $/, 'key phrase'],
      [new RegExp(`Password for \\S+@127\\.0\\.0\\.1 \\(support\\): $`), password],
    ]);
    expect(run.output).not.toContain('key phrase');
    expect(run.output).not.toContain(password);
    expect(run.output).toMatch(/\d of 4 machines ready\r?\n$/);
    expect(run.output).not.toContain('cannot check');
    expect([0, 1]).toContain(run.code);
  }, 90_000);
});
