import { describe, expect, test } from 'vitest';
import { HANG_GRACE_MS, median, passProgress, testTimings, type ProgressTest } from '../../shared/hlk/pass-progress';

const min = 60_000;
const now = Date.parse('2026-03-01T12:00:00Z');
const ago = (minutes: number) => new Date(now - minutes * min).toISOString();

function t(id: string, state: ProgressTest['state'], machine: string | null, estimateMin: number | null, startedMinAgo?: number, queuedMinAgo?: number): ProgressTest {
  return {
    id,
    name: `test ${id}`,
    state,
    estimatedSeconds: estimateMin === null ? null : estimateMin * 60,
    machine,
    latest: state === 'running' || state === 'queued' ? { scheduledAt: ago(queuedMinAgo ?? (startedMinAgo ?? 0) + 1), startedAt: startedMinAgo === undefined ? null : ago(startedMinAgo) } : null,
  };
}

const none = () => [] as number[];

describe('the hang rule: overdue past the expected time, a probable hang past twice it and 15 minutes', () => {
  test.each([
    [59, 'on time'],
    [61, 'overdue'],
    [134, 'overdue'],
    [135, 'probable hang'],
    [600, 'probable hang'],
  ] as const)('a 60-minute test running for %i minutes is %s', (ran, verdict) => {
    const timing = testTimings({ now, tests: [t('a', 'running', 'C1', 60, ran)], pastDurations: none }).get('a')!;
    expect(timing.verdict).toBe(verdict);
    expect(timing.elapsedMs).toBe(ran * min);
    expect(timing.hangAt).toBe(now - ran * min + 2 * 60 * min + HANG_GRACE_MS);
    expect(timing.advice === null).toBe(verdict === 'on time');
  });

  test('the advice names the machine and what to look at', () => {
    const timing = testTimings({ now, tests: [t('a', 'running', 'HLK-CLIENT1', 10, 60)], pastDurations: none }).get('a')!;
    expect(timing.advice).toMatch(/^look at the machine on HLK-CLIENT1: is it up and still sending HLK heartbeats/);
  });

  test('without any expected time nothing is called late', () => {
    const timing = testTimings({ now, tests: [t('a', 'running', 'C1', null, 600)], pastDurations: none }).get('a')!;
    expect(timing).toMatchObject({ expectedMs: null, basis: null, verdict: null, hangAt: null });
  });

  test("this lab's past runs refine HLK's estimate: the median of the last five", () => {
    const past = (name: string) => (name === 'test a' ? [100, 10, 20, 30, 40, 50].map((m) => m * min) : []);
    const timing = testTimings({ now, tests: [t('a', 'running', 'C1', 60, 45)], pastDurations: past }).get('a')!;
    expect(timing).toMatchObject({ expectedMs: 30 * min, basis: "this lab's past runs", verdict: 'overdue' });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  test('a test queued over 15 minutes while nothing runs on its machine is stuck; behind a running one it is just waiting', () => {
    const timings = testTimings({
      now,
      tests: [t('a', 'queued', 'C1', 10, undefined, 16), t('b', 'queued', 'C2', 10, undefined, 90), t('c', 'running', 'C2', 100, 5)],
      pastDurations: none,
    });
    expect(timings.get('a')).toMatchObject({ verdict: 'stuck in queue', elapsedMs: 16 * min });
    expect(timings.get('a')!.advice).toMatch(/^nothing runs on C1 while this test waits: is C1 Ready in HLK/);
    expect(timings.get('b')!.verdict).toBeNull();
  });
});

describe('progress and the ETA', () => {
  test('counts; the ETA is the busiest machine working through what runs and waits on it, with its range', () => {
    const tests = [
      t('p', 'passed', 'C1', 10),
      t('f', 'failed', 'C1', 10),
      t('n', 'not run', null, 10),
      t('r1', 'running', 'C1', 30, 10), // 20 min left
      t('q1', 'queued', 'C1', 20), // C1: 40 min
      t('r2', 'running', 'C2', 60, 10), // 50 min left
      t('q2', 'queued', 'C2', 40), // C2: 90 min
      t('q3', 'queued', 'C2', null),
    ];
    const p = passProgress({ now, tests, pastDurations: none });
    expect(p).toMatchObject({ total: 8, done: 2, passed: 1, failed: 1, running: 2, queued: 3, notQueued: 1, unestimated: 1 });
    expect(p.eta!.busiest).toBe('C2');
    expect(p.eta!.likely).toBe(now + 90 * min);
    // Earliest: three quarters of the estimates (45 - 10 + 30 on C2); latest: one and a half times (90 - 10 + 60).
    expect(p.eta!.earliest).toBe(now + 65 * min);
    expect(p.eta!.latest).toBe(now + 140 * min);
  });

  test("past runs give the range: the fastest and the slowest of this lab's last five", () => {
    const past = (name: string) => (name === 'test q' ? [20, 30, 40].map((m) => m * min) : []);
    const p = passProgress({ now, tests: [t('q', 'queued', 'C1', 60)], pastDurations: past });
    expect(p.eta).toEqual({ likely: now + 30 * min, earliest: now + 20 * min, latest: now + 40 * min, busiest: 'C1' });
  });

  test('an overdue test may end any moment or take its time again; nothing queued or running means no ETA', () => {
    const p = passProgress({ now, tests: [t('r', 'running', 'C1', 10, 30)], pastDurations: none });
    expect(p.eta).toMatchObject({ likely: now, earliest: now, latest: now + 10 * min });
    expect(passProgress({ now, tests: [t('p', 'passed', 'C1', 10)], pastDurations: none }).eta).toBeNull();
  });
});
