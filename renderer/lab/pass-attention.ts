import type { ChecklistProgressView } from '../../shared/checklists/types';
import type { LinkcheckView, TapdiagView } from '../../shared/tapdiag/views';
import type { MachineReadiness } from '../../shared/readiness/results';
import type { HlkTestsView } from '../../shared/hlk/views';
import { checklistCounts } from '../setup/step-states';
import type { LabPage } from '../store/navigation-slice';
import type { Tone } from './connection-states';

/** Something about the pass as a whole that the header names beside the machines' own troubles. */
export interface PassAttention {
  key: string;
  text: string;
  tone: Tone;
  /** The page that shows it and its remedy. */
  page: LabPage;
}

export interface PassState {
  machines: readonly string[];
  readiness: Readonly<Record<string, MachineReadiness>>;
  checklists: ChecklistProgressView | null;
  tapdiag: TapdiagView | null;
  linkcheck: LinkcheckView | null;
  /** HLK's tests as last read: hanging and stuck ones are named. */
  tests?: HlkTestsView | null;
}

/**
 * What the header sums up beyond the connections, worst first: a machine left unplugged (its VPN carries
 * nothing until it is plugged back in), machines that are not ready, broken setup steps, tapdiag settings a
 * reboot took. Nothing here means the pass needs nothing from the operator.
 */
export function passAttention(s: PassState): PassAttention[] {
  const notes: PassAttention[] = [];
  const unplugged = new Set((s.tapdiag?.machines ?? []).filter((m) => m.link === 'off' && !m.lost).map((m) => m.machine));
  if (s.linkcheck?.unplugged) unplugged.add(s.linkcheck.machine);
  const stuck = (s.tests?.tests ?? []).filter((t) => t.timing.verdict === 'probable hang' || t.timing.verdict === 'stuck in queue');
  if (stuck.length > 0) notes.push({ key: 'hlk-hang', text: stuck.length === 1 ? `${stuck[0]!.name} ${stuck[0]!.timing.verdict === 'probable hang' ? 'probably hangs' : 'is stuck in the queue'}` : `${stuck.length} tests hang or are stuck`, tone: 'bad', page: 'hlk' });
  const failed = s.tests?.progress.failed ?? 0;
  if (failed > 0) notes.push({ key: 'hlk-failed', text: `${failed} ${failed === 1 ? 'test' : 'tests'} failed`, tone: 'bad', page: 'hlk' });
  for (const machine of unplugged) notes.push({ key: `unplugged-${machine}`, text: `${machine} left unplugged (its VPN carries nothing)`, tone: 'bad', page: 'tapdiag' });

  const checked = s.machines.map((m) => s.readiness[m]).filter((r): r is MachineReadiness => r !== undefined && r.ready !== null);
  const notReady = checked.filter((r) => r.ready === false).map((r) => r.machine);
  if (notReady.length > 0) {
    notes.push({ key: 'not-ready', text: `${notReady.length} of ${s.machines.length} not ready (${notReady.join(', ')})`, tone: 'bad', page: 'readiness' });
  }

  const broken = (s.checklists?.checklists ?? []).filter((c) => c.kind === 'setup').reduce((n, c) => n + checklistCounts(c).broken, 0);
  if (broken > 0) notes.push({ key: 'setup-broken', text: `${broken} setup ${broken === 1 ? 'step' : 'steps'} broken`, tone: 'bad', page: 'setup' });

  const lost = (s.tapdiag?.machines ?? []).filter((m) => m.lost).map((m) => m.machine);
  if (lost.length > 0) notes.push({ key: 'tapdiag-lost', text: `tapdiag settings lost on ${lost.join(', ')} (rebooted)`, tone: 'warn', page: 'tapdiag' });
  return notes;
}
