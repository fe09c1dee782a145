import type { ConnectionState } from '../lab';
import type { HlkPoolsView, HlkTestsView, HlkTestView } from './views';

/**
 * What happened while the pass ran, found by comparing one reading with the one before: each event has a
 * kind (so alerts can be turned on and off by kind), what happened, what to do next, and the page that
 * explains it.
 */

export const passEventKinds = ['infrastructure', 'test-failure', 'probable-hang', 'progress'] as const;
export type PassEventKind = (typeof passEventKinds)[number];

export const passEventKindWords: Record<PassEventKind, string> = {
  infrastructure: 'A machine or a connection',
  'test-failure': 'A test failed',
  'probable-hang': 'A test probably hangs',
  progress: 'A test or the pass finished',
};

/** The app's pages an event can point at. */
export type PassEventPage = 'hlk' | 'machines' | 'tapdiag';

export interface PassEvent {
  id: string;
  kind: PassEventKind;
  /** When hlk-assist noticed it (ISO). */
  at: string;
  title: string;
  detail: string;
  /** What to do next, in the operator's words. */
  next: string;
  page: PassEventPage;
  machine: string | null;
  /** The HLK test it is about, if any. */
  test: string | null;
}

export type NewPassEvent = Omit<PassEvent, 'id' | 'at'>;

/** A heartbeat older than this is stale: HLK's client on the machine has stopped reporting. */
export const STALE_HEARTBEAT_MS = 10 * 60_000;

const where = (t: HlkTestView) => t.timing.machine ?? t.targetMachines[0]?.name ?? null;

/** Tests that finished, failed, started to look hung or stuck, and the pass finishing. */
export function testEvents(before: HlkTestsView | null, after: HlkTestsView): NewPassEvent[] {
  if (!before || before.project !== after.project) return [];
  const was = new Map(before.tests.map((t) => [t.id, t]));
  const events: NewPassEvent[] = [];
  for (const t of after.tests) {
    const old = was.get(t.id);
    if (!old) continue;
    const machine = where(t);
    const on = machine ? ` on ${machine}` : '';
    if (t.state !== old.state && t.state === 'failed') {
      const remedy = t.remedy ? `Known remedy: ${t.remedy.text}` : "Open the test's task log in HLK Studio's Results tab, fix the cause, then rerun it.";
      events.push({ kind: 'test-failure', title: `${t.name} failed${on}`, detail: t.history ? `It ${t.history.text}.` : 'Its first result in this lab.', next: remedy, page: 'hlk', machine, test: t.id });
    } else if (t.state !== old.state && t.state === 'passed') {
      events.push({ kind: 'progress', title: `${t.name} passed${on}`, detail: took(t), next: 'Nothing to do.', page: 'hlk', machine, test: t.id });
    }
    if (t.timing.verdict !== old.timing.verdict && t.timing.verdict === 'probable hang') {
      events.push({
        kind: 'probable-hang',
        title: `${t.name} probably hangs${on}`,
        detail: `Running for ${minutes(t.timing.elapsedMs)}, expected ${minutes(t.timing.expectedMs)} (${t.timing.basis}).`,
        next: t.timing.advice ?? '',
        page: 'hlk',
        machine,
        test: t.id,
      });
    }
    if (t.timing.verdict !== old.timing.verdict && t.timing.verdict === 'stuck in queue') {
      events.push({ kind: 'infrastructure', title: `${t.name} is stuck in the queue${on}`, detail: `Queued for ${minutes(t.timing.elapsedMs)} with nothing running there.`, next: t.timing.advice ?? '', page: 'hlk', machine, test: t.id });
    }
  }
  const active = (v: HlkTestsView) => v.progress.running + v.progress.queued;
  if (active(before) > 0 && active(after) === 0) {
    const p = after.progress;
    events.push({
      kind: 'progress',
      title: `The pass finished: ${p.passed} passed, ${p.failed} failed`,
      detail: p.notQueued > 0 ? `${p.notQueued} tests were never queued.` : 'Every test of the project has a result.',
      next: p.failed > 0 ? 'Look at the failed tests and their remedies, rerun them once fixed.' : 'Export the pass report from the Journal page.',
      page: 'hlk',
      machine: null,
      test: null,
    });
  }
  return events;
}

/**
 * Lab machines that left Ready in HLK, and heartbeats gone stale since the reading before (each reading
 * judged at the controller's clock when it was taken: `beforeNow`, `now`).
 */
export function poolEvents(before: HlkPoolsView | null, beforeNow: number, after: HlkPoolsView, now: number): NewPassEvent[] {
  if (!before) return [];
  const lab = (v: HlkPoolsView) => v.pools.filter((p) => !p.isRoot).flatMap((p) => p.machines.filter((m) => m.labMachine !== null));
  const was = new Map(lab(before).map((m) => [m.name.toLowerCase(), m]));
  const stale = (heartbeat: string | null, at: number) => heartbeat !== null && at - Date.parse(heartbeat) > STALE_HEARTBEAT_MS;
  const events: NewPassEvent[] = [];
  for (const m of lab(after)) {
    const old = was.get(m.name.toLowerCase());
    if (!old) continue;
    const ready = (s: string) => s === 'Ready' || s === 'Running';
    if (ready(old.status) && !ready(m.status)) {
      events.push({
        kind: 'infrastructure',
        title: `${m.name} left Ready in HLK (${m.status})`,
        detail: `HLK starts no new test on ${m.name} (${m.labMachine}) until it is Ready again.`,
        next: `Check that ${m.labMachine} is up and its HLK client service runs, then set it Ready again on the HLK Studio page.`,
        page: 'hlk',
        machine: m.labMachine,
        test: null,
      });
    }
    if (!stale(old.lastHeartbeat, beforeNow) && stale(m.lastHeartbeat, now)) {
      events.push({
        kind: 'infrastructure',
        title: `${m.name} stopped sending HLK heartbeats`,
        detail: `Its last heartbeat was ${minutes(now - Date.parse(m.lastHeartbeat!))} ago.`,
        next: `Check that ${m.labMachine} is up and its HLK client service (HLKSvc) runs; the Machines page can restart it.`,
        page: 'machines',
        machine: m.labMachine,
        test: null,
      });
    }
  }
  return events;
}

/** A lab machine whose connection went away, came back, or rebooted. */
export function connectionEvent(machine: string, before: ConnectionState, after: ConnectionState, rebooted: boolean): NewPassEvent | null {
  if (before === after) return null;
  if (before === 'connected' && (after === 'unreachable' || after === 'rebooting')) {
    return {
      kind: 'infrastructure',
      title: after === 'rebooting' ? `${machine} is rebooting` : `${machine} does not answer`,
      detail: after === 'rebooting' ? 'hlk-assist asked it to reboot, or it went away and is reconnecting.' : 'The SSH connection dropped; hlk-assist keeps trying.',
      next: `Wait for it, or look at ${machine}'s console: a test may have crashed it.`,
      page: 'machines',
      machine,
      test: null,
    };
  }
  if (after === 'connected' && rebooted) {
    return { kind: 'infrastructure', title: `${machine} came back after a reboot`, detail: 'Settings tapdiag made before the reboot are gone.', next: 'Apply tapdiag settings again on the tapdiag page if the test needs them.', page: 'tapdiag', machine, test: null };
  }
  return null;
}

function minutes(ms: number | null): string {
  if (ms === null) return 'an unknown time';
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function took(t: HlkTestView): string {
  const last = t.results[t.results.length - 1];
  if (!last?.startedAt || !last.completedAt) return 'Finished.';
  return `It took ${minutes(Date.parse(last.completedAt) - Date.parse(last.startedAt))}${t.timing.expectedMs ? `, expected ${minutes(t.timing.expectedMs)}` : ''}.`;
}
