import { describe, expect, it } from 'vitest';
import type { CheckInfo, CheckResult, CheckStatus, MachineReadiness } from '../../shared/readiness/results';
import type { MachineRole } from '../../shared/lab';
import { countStatuses, readinessRows, rowShown } from '../../renderer/readiness/readiness-rows';

const check = (id: string, roles: MachineRole[] = ['client', 'support']): CheckInfo => ({ id, title: id, why: `why ${id}`, roles, reads: [], fixes: [] });
const result = (id: string, status: CheckStatus): CheckResult => ({ check: id, status, evidence: `${id} is ${status}`, fix: null, checkedAt: '2024-04-29T08:12:01Z' });
const machines = [
  { name: 'controller', role: 'controller' as const },
  { name: 'client1', role: 'client' as const },
  { name: 'support', role: 'support' as const },
];

function readiness(machine: string, role: MachineRole, checks: CheckResult[]): MachineReadiness {
  return { machine, role, ready: null, summary: '', running: false, fixing: null, checkedAt: null, checks };
}

describe('the readiness dashboard rows', () => {
  const catalogue = [check('a'), check('b'), check('c'), check('d'), check('e', ['controller']), check('f'), check('g', ['client'])];
  const state = {
    controller: readiness('controller', 'controller', [result('e', 'pass')]),
    client1: readiness('client1', 'client', [result('a', 'pass'), result('b', 'warn'), result('c', 'unknown'), result('d', 'fail'), result('f', 'fail')]),
    support: readiness('support', 'support', [result('a', 'pass'), result('b', 'pass'), result('c', 'pass'), result('d', 'pass'), result('f', 'fail')]),
  };

  it('puts the worst first: failing, unknown, warnings, passing, not run; more machines failing first; else the catalogue order', () => {
    const rows = readinessRows(catalogue, machines, state);
    expect(rows.map((r) => [r.check.id, r.worst, r.worstCount])).toEqual([
      ['f', 'fail', 2],
      ['d', 'fail', 1],
      ['c', 'unknown', 1],
      ['b', 'warn', 1],
      ['a', 'pass', 2],
      ['e', 'pass', 1],
      ['g', null, 0],
    ]);
  });

  it('has a cell per machine, and says where a check does not apply', () => {
    const e = readinessRows(catalogue, machines, state).find((r) => r.check.id === 'e')!;
    expect(e.cells.map((c) => c.applies)).toEqual([true, false, false]);
  });

  it('keeps a check the operator just fixed at the top until they have read the outcome', () => {
    const rows = readinessRows(catalogue, machines, state, new Set(['a']));
    expect(rows[0]!.check.id).toBe('a');
  });

  it('counts every result by status, and shows a row when any machine has a status asked for', () => {
    const rows = readinessRows(catalogue, machines, state);
    expect(countStatuses(rows)).toEqual({ fail: 3, unknown: 1, warn: 1, pass: 6 });
    const problems = new Set<CheckStatus>(['fail', 'unknown', 'warn']);
    expect(rows.filter((r) => rowShown(r, problems)).map((r) => r.check.id)).toEqual(['f', 'd', 'c', 'b', 'g']);
    expect(rows.filter((r) => rowShown(r, new Set(['pass']))).map((r) => r.check.id)).toEqual(['d', 'c', 'b', 'a', 'e', 'g']);
  });

  it('leaves out checks that apply to no machine of the lab', () => {
    expect(readinessRows([check('only-controller', ['controller'])], machines.slice(1), {})).toEqual([]);
  });
});
