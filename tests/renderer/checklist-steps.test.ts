import { describe, expect, it } from 'vitest';
import type { ChecklistInfo, ChecklistProgressView, StepProgress, StepState } from '../../shared/checklists/types';
import type { MachineReadiness } from '../../shared/readiness/results';
import type { MachineView } from '../../shared/lab';
import { fixPlan } from '../../renderer/setup/step-fix-plan';
import { checklistCounts, countsText, countsTone, stepState } from '../../renderer/setup/step-states';

const cell = (machine: string, state: StepState): StepProgress => ({ machine, state, evidence: '', at: null, canFix: false, fixWaitsFor: null, needsConfirmation: false });

function checklist(steps: StepState[][]): ChecklistProgressView['checklists'][number] {
  return {
    id: 'client-preparation',
    title: 'Client preparation',
    kind: 'setup',
    done: 0,
    total: 0,
    steps: steps.map((states, i) => ({ id: `s${i}`, title: `step ${i}`, machines: states.map((s, j) => cell(`client${j + 1}`, s)) })),
  };
}

describe('a step over its machines', () => {
  it('is as bad as its worst machine: broken, then to do, then confirmed by hand, then done', () => {
    expect(stepState([cell('a', 'done'), cell('b', 'broken'), cell('c', 'pending')])).toBe('broken');
    expect(stepState([cell('a', 'done'), cell('b', 'pending')])).toBe('pending');
    expect(stepState([cell('a', 'done'), cell('b', 'manual-confirmed')])).toBe('manual-confirmed');
    expect(stepState([cell('a', 'done'), cell('b', 'done')])).toBe('done');
    expect(stepState([])).toBeNull();
  });
});

describe('a checklist’s progress', () => {
  it('counts steps, not step and machine pairs; a step confirmed by hand is done; a step on no machine here does not count', () => {
    const c = checklist([['done', 'done'], ['done', 'pending'], ['manual-confirmed', 'done'], ['broken', 'done'], []]);
    expect(checklistCounts(c)).toEqual({ total: 4, done: 2, broken: 1 });
    expect(countsText(checklistCounts(c))).toBe('2 of 4 done, 1 broken');
    expect(countsTone(checklistCounts(c))).toBe('bad');
  });

  it('says when everything is done, and when nothing applies', () => {
    const all = checklistCounts(checklist([['done'], ['manual-confirmed']]));
    expect(countsText(all)).toBe('all 2 done');
    expect(countsTone(all)).toBe('good');
    expect(countsTone(checklistCounts(checklist([['pending']])))).toBe('off');
    expect(countsText(checklistCounts(checklist([[]])))).toBe('no step applies to this lab’s machines');
  });
});

describe('what a step’s fix runs', () => {
  type Fix = NonNullable<ChecklistInfo['steps'][number]['fix']>;
  const machines = [{ name: 'controller', role: 'controller' }, { name: 'client1', role: 'client' }] as MachineView[];
  const readiness = (fix: MachineReadiness['checks'][number]['fix']): MachineReadiness => ({
    machine: 'client1',
    role: 'client',
    ready: false,
    summary: '',
    running: false,
    fixing: null,
    checkedAt: null,
    checks: [{ check: 'openvpn-service', status: 'fail', evidence: 'OpenVPNService is Stopped', fix, checkedAt: '2024-04-29T08:12:01Z' }],
  });
  const checkFix: Fix = { title: 'Start OpenVPN', operation: null, kind: 'check-fix', check: 'openvpn-service', runsOn: 'self', operations: [] };

  it('a check’s fix is what the check’s latest result proposes, with its exact parameters and reboot', () => {
    const proposal = { fix: 'start', title: 'Start OpenVPN', operation: 'services.ensureRunning', runsOn: 'client1', params: { names: ['OpenVPNService'], automaticStart: true }, needsReboot: true, rebootsMachine: false };
    expect(fixPlan(checkFix, 'client1', readiness(proposal), machines)).toEqual({
      ok: true,
      runsOn: 'client1',
      operations: ['services.ensureRunning'],
      params: { names: ['OpenVPNService'], automaticStart: true },
      reboot: 'Takes effect only after client1 reboots.',
    });
  });

  it('a check that has not run, or proposes nothing, has no one-click fix, and says why', () => {
    expect(fixPlan(checkFix, 'client1', undefined, machines)).toEqual({ ok: false, reason: 'the check has not run on client1 yet: verify first' });
    expect(fixPlan(checkFix, 'client1', readiness(null), machines)).toEqual({ ok: false, reason: 'the check offers none for what it found' });
  });

  it('an action for HLK runs its operations on the controller; a tapdiag action on the machine itself', () => {
    const hlk: Fix = { title: 'Set them Ready', operation: null, kind: 'action', check: null, runsOn: 'controller', operations: ['hlk.setMachineReady'] };
    expect(fixPlan(hlk, 'controller', undefined, machines)).toMatchObject({ ok: true, runsOn: 'controller', operations: ['hlk.setMachineReady'], params: null });
    const tapdiag: Fix = { title: 'tapdiag /setq:on', operation: null, kind: 'action', check: null, runsOn: 'self', operations: ['tapdiag.setQ'] };
    expect(fixPlan(tapdiag, 'client1', undefined, machines)).toMatchObject({ ok: true, runsOn: 'client1' });
    expect(fixPlan(hlk, 'client1', undefined, [machines[1]!])).toEqual({ ok: false, reason: 'the lab names no controller' });
  });
});
