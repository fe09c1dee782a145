import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scenarioNames } from '../../electron/practice-lab/scenarios';
import { buildCli, Cli } from '../support/cli';
import { describePwsh, requirePwsh } from '../support/pwsh';

/**
 * The readiness check of a whole lab on both engines, as an operator runs it: `hlk-assist practice
 * --engine powershell|model --scenario S`, then `hlk-assist check --json`. Both must give the same exit
 * code and the same checks that do not pass, per machine.
 */

let dir: string;
const clis: Cli[] = [];

beforeAll(async () => {
  buildCli();
  dir = await mkdtemp(join(tmpdir(), 'hlka-engine-cli-'));
}, 120_000);

afterAll(async () => {
  for (const cli of clis) cli.killAll();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** pwsh's folder on PATH, so the CLI finds the same PowerShell the suite does. */
const env = (home: string) => {
  const pwshDir = requirePwsh().replace(/[\\/][^\\/]+$/, '');
  return { ...process.env, HLK_ASSIST_HOME: home, PATH: `${pwshDir}:${process.env.PATH ?? ''}` };
};

interface Report {
  exitCode: number;
  machines: Array<{ machine: string; checks: Array<{ check: string; status: string; evidence: string }> }>;
}

async function check(engine: string, scenario: string): Promise<{ exitCode: number; notPassing: Record<string, string[]>; evidence: string }> {
  const home = join(dir, `${engine}-${scenario}`);
  const labPath = join(home, 'lab.json');
  const cli = new Cli(() => env(home));
  clis.push(cli);
  // Loading PowerShell on every machine takes a while on a busy computer.
  const { child } = await cli.practice(['--scenario', scenario, '--engine', engine, '--write-lab', labPath], 300_000);
  try {
    const out = (await cli.run(['check', '--lab', labPath, '--json'], 280_000)).stdout;
    const report = JSON.parse(out) as Report;
    const notPassing: Record<string, string[]> = {};
    for (const m of report.machines) notPassing[m.machine] = m.checks.filter((c) => c.status !== 'pass').map((c) => `${c.check}: ${c.status}`);
    // What an unknown check says, to tell a slow computer from a disagreement when the lists differ.
    const evidence = report.machines.flatMap((m) => m.checks.filter((c) => c.status === 'unknown').map((c) => `${m.machine} ${c.check}: ${c.evidence}`)).join('\n');
    return { exitCode: report.exitCode, notPassing, evidence };
  } finally {
    await cli.stop(child);
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
