import { describe, expect, it } from 'vitest';
import { collectionPlan, planFor, snapshotIds } from '../../shared/collection/plan';
import { machinePath } from '../../shared/collection/values';
import { logsPrepare } from '../../shared/operations/logs';
import { prepareParams } from '../../electron/logs/collection/machine-collector';

/** The snapshot table of logs-prepare.ps1, read from the script itself: id → the command as written there. */
function scriptSnapshots(): Map<string, string> {
  const table = new Map<string, string>();
  for (const m of logsPrepare.script.matchAll(/^\s+'([a-z-]+)'\s+= (?:@\(([^)]*)\)|\{ (.*) \})\s*$/gm)) {
    const command = m[2] !== undefined ? [...m[2].matchAll(/'([^']*)'/g)].map((a) => a[1]).join(' ') : m[3]!;
    table.set(m[1]!, command);
  }
  return table;
}

describe('the collection plan', () => {
  it('has unique ids, and something for every role', () => {
    const ids = collectionPlan.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const role of ['controller', 'client', 'support'] as const) expect(planFor(role).length, role).toBeGreaterThan(3);
  });

  it('covers what the issue asks for on the test machines', () => {
    const client = planFor('client');
    const paths = client.flatMap((i) => (i.kind === 'files' ? i.paths : []));
    for (const want of ['setupapi.dev.log', 'JobsWorkingDir', 'OpenVPN\\log', 'Minidump', 'DGLogs', 'Hardware Lab Kit\\Client']) {
      expect(paths.some((p) => p.includes(want)), want).toBe(true);
    }
    const channels = client.flatMap((i) => (i.kind === 'eventLog' ? i.channels : []));
    expect(channels).toEqual(expect.arrayContaining(['System', 'Application', '*HLK*', '*WTT*']));
    const commands = client.flatMap((i) => (i.kind === 'snapshot' ? [i.command] : []));
    for (const want of ['verifier.exe /query', 'pnputil.exe /enum-drivers', 'ipconfig.exe /all', 'net.exe use', 'bcdedit.exe /enum', 'Get-NetAdapter']) {
      expect(commands.some((c) => c.startsWith(want)), want).toBe(true);
    }
    expect(planFor('controller').some((i) => i.kind === 'files' && i.paths.some((p) => p.includes('WTTSystemLogs')))).toBe(true);
  });

  it('names each snapshot with the very command the preparation script runs', () => {
    const table = scriptSnapshots();
    expect([...table.keys()].sort()).toEqual([...snapshotIds].sort());
    for (const item of collectionPlan) {
      if (item.kind === 'snapshot') expect(table.get(item.snapshot), item.id).toBe(item.command);
    }
  });

  it('writes every path the way the operator may write their own', () => {
    for (const item of collectionPlan) {
      if (item.kind === 'files') for (const p of item.paths) expect(machinePath.safeParse(p).success, p).toBe(true);
    }
  });

  it.each(['controller', 'client', 'support'] as const)('asks logs.prepare for parameters it accepts on a %s', (role) => {
    const params = prepareParams(role, '2024-04-29T08-12-01Z', ['C:\\Program Files\\OpenVPN\\config'], 20_000);
    const parsed = logsPrepare.params.safeParse(params);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(params.paths?.at(-1)).toEqual({ source: 'extra', pattern: 'C:\\Program Files\\OpenVPN\\config' });
  });
});
