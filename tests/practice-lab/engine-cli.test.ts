import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scenarioNames } from '../../electron/practice-lab/scenarios';
import { describePwsh, requirePwsh } from '../support/pwsh';

/**
 * The readiness check of a whole lab on both engines, as an operator runs it: `hlk-assist practice
 * --engine powershell|model --scenario S`, then `hlk-assist check --json`. Both must give the same exit
 * code and the same checks that do not pass, per machine.
 */

let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  dir = await mkdtemp(join(tmpdir(), 'hlka-engine-cli-'));
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** pwsh's folder on PATH, so the CLI finds the same PowerShell the suite does. */
const env = (home: string) => {
  const pwshDir = requirePwsh().replace(/[\\/][^\\/]+$/, '');
  return { ...process.env, HLK_ASSIST_HOME: home, PATH: `${pwshDir}:${process.env.PATH ?? ''}` };
};

function practice(args: string[], home: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', 'practice', ...args], { env: env(home) });
    children.push(child);
    let output = '';
    // Loading PowerShell on every machine takes a while on a busy computer.
    const timer = setTimeout(() => reject(new Error(`practice did not start within 300 s: ${output}`)), 300_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('stop it with Ctrl+C')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`practice ended early (${code}): ${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('close');
    child.on('close', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Report {
  exitCode: number;
  machines: Array<{ machine: string; checks: Array<{ check: string; status: string; evidence: string }> }>;
}

async function check(engine: string, scenario: string): Promise<{ exitCode: number; notPassing: Record<string, string[]>; evidence: string }> {
  const home = join(dir, `${engine}-${scenario}`);
  const labPath = join(home, 'lab.json');
  const child = await practice(['--scenario', scenario, '--engine', engine, '--write-lab', labPath], home);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, ['dist/cli.js', 'check', '--lab', labPath, '--json'], { env: env(home) });
      children.push(c);
      let stdout = '';
      const timer = setTimeout(() => reject(new Error('check did not finish within 280 s')), 280_000);
      c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      c.on('close', () => {
        clearTimeout(timer);
        resolve(stdout);
      });
    });
    const report = JSON.parse(out) as Report;
    const notPassing: Record<string, string[]> = {};
    for (const m of report.machines) notPassing[m.machine] = m.checks.filter((c) => c.status !== 'pass').map((c) => `${c.check}: ${c.status}`);
    // What an unknown check says, to tell a slow computer from a disagreement when the lists differ.
    const evidence = report.machines.flatMap((m) => m.checks.filter((c) => c.status === 'unknown').map((c) => `${m.machine} ${c.check}: ${c.evidence}`)).join('\n');
    return { exitCode: report.exitCode, notPassing, evidence };
  } finally {
    await stop(child);
  }
}

describePwsh('hlk-assist practice --engine powershell checks the same as --engine model', () => {
  for (const scenario of scenarioNames) {
    it(`${scenario}: same exit code, same checks not passing on every machine`, async () => {
      const model = await check('model', scenario);
      const powershell = await check('powershell', scenario);
      expect(powershell.notPassing, powershell.evidence).toEqual(model.notPassing);
      expect(powershell.exitCode).toBe(model.exitCode);
      if (scenario === 'ready') expect(model.exitCode).toBe(0);
      if (scenario === 'broken') expect(model.exitCode).toBe(1);
    }, 900_000);
  }
});
