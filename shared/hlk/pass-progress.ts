import type { HlkTestState } from './views';

/**
 * How far the pass is and when it ends, from the tests HLK lists. Each test's expected time is HLK's own
 * estimate (Test.EstimatedRuntime), refined by this lab's past runs of the same test: the median of the
 * last five once there is one. HLK runs one test at a time on a client machine, so the pass ends when
 * the busiest machine has worked through what runs and waits on it: the ETA is that machine's sum. Its
 * range uses the fastest and the slowest past runs (without any, three quarters and one and a half times
 * HLK's estimate). Tests not queued (not run, cancelled) are counted as left but not in the ETA: nothing
 * will run them until someone queues them.
 *
 * The hang rule is AutoHCK's: a test running past its expected time is overdue; past twice its expected
 * time and 15 minutes it probably hangs. A test queued for over 15 minutes while nothing runs on its
 * machine is stuck in the queue.
 */

export const HANG_GRACE_MS = 15 * 60_000;
export const QUEUE_STALL_MS = 15 * 60_000;
const HISTORY_RUNS = 5;

export type TimingVerdict = 'on time' | 'overdue' | 'probable hang' | 'stuck in queue';

export interface TestTiming {
  /** What this test is expected to take, in ms; null when neither HLK nor a past run says. */
  expectedMs: number | null;
  /** Where the expectation comes from. */
  basis: 'this lab\'s past runs' | 'HLK\'s estimate' | null;
  /** Running for (running), or waiting for (queued), in ms. */
  elapsedMs: number | null;
  verdict: TimingVerdict | null;
  /** When it becomes a probable hang (epoch ms), for a running test with an expected time. */
  hangAt: number | null;
  /** What to look at, for an overdue, hanging or stuck test. */
  advice: string | null;
  /** The machine it runs, or will run, on. */
  machine: string | null;
}

export interface PassEta {
  /** Epoch ms. */
  likely: number;
  earliest: number;
  latest: number;
  /** The machine whose work ends last. */
  busiest: string;
}

export interface PassProgress {
  /** The controller's clock at the reading (epoch ms): every elapsed time is measured on it. */
  now: number;
  total: number;
  done: number;
  passed: number;
  failed: number;
  running: number;
  queued: number;
  /** Not run or cancelled: nothing will run them until they are queued. */
  notQueued: number;
  /** Queued and running tests without any expected time (the ETA leaves them out). */
  unestimated: number;
  eta: PassEta | null;
}

export interface ProgressTest {
  id: string;
  name: string;
  state: HlkTestState;
  estimatedSeconds: number | null;
  /** The machine HLK runs it on (its latest run's, else its Client role's, else its target's). */
  machine: string | null;
  latest: { scheduledAt: string | null; startedAt: string | null } | null;
}

export interface ProgressInput {
  now: number;
  tests: readonly ProgressTest[];
  /** This lab's past durations of a test (ms, newest last), by test name. */
  pastDurations: (name: string) => readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Expectation {
  expectedMs: number | null;
  basis: TestTiming['basis'];
  fastestMs: number | null;
  slowestMs: number | null;
}

function expectation(test: ProgressTest, past: readonly number[]): Expectation {
  const recent = past.slice(-HISTORY_RUNS);
  if (recent.length > 0) return { expectedMs: median(recent), basis: "this lab's past runs", fastestMs: Math.min(...recent), slowestMs: Math.max(...recent) };
  if (test.estimatedSeconds !== null && test.estimatedSeconds > 0) {
    const ms = test.estimatedSeconds * 1000;
    return { expectedMs: ms, basis: "HLK's estimate", fastestMs: ms * 0.75, slowestMs: ms * 1.5 };
  }
  return { expectedMs: null, basis: null, fastestMs: null, slowestMs: null };
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

function hangAdvice(test: ProgressTest): string {
  const on = test.machine ? ` on ${test.machine}` : '';
  return `look at the machine${on}: is it up and still sending HLK heartbeats, did it stop with a bugcheck, is the test's process still working; HLK Studio's Results tab has the test's task log. If it hangs, cancel it in HLK and rerun it after fixing the cause.`;
}

/** Each test's expected time, elapsed time and verdict (overdue, probable hang, stuck in queue). */
export function testTimings(input: ProgressInput): Map<string, TestTiming> {
  const busy = new Set(input.tests.filter((t) => t.state === 'running' && t.machine).map((t) => t.machine!.toLowerCase()));
  const timings = new Map<string, TestTiming>();
  for (const test of input.tests) {
    const e = expectation(test, input.pastDurations(test.name));
    let elapsedMs: number | null = null;
    let verdict: TimingVerdict | null = null;
    let hangAt: number | null = null;
    let advice: string | null = null;
    if (test.state === 'running') {
      const started = time(test.latest?.startedAt);
      elapsedMs = Number.isNaN(started) ? null : Math.max(0, input.now - started);
      if (elapsedMs !== null && e.expectedMs !== null) {
        hangAt = started + 2 * e.expectedMs + HANG_GRACE_MS;
        verdict = input.now >= hangAt ? 'probable hang' : elapsedMs > e.expectedMs ? 'overdue' : 'on time';
        if (verdict !== 'on time') advice = hangAdvice(test);
      }
    } else if (test.state === 'queued') {
      const queued = time(test.latest?.scheduledAt);
      elapsedMs = Number.isNaN(queued) ? null : Math.max(0, input.now - queued);
      const idle = test.machine !== null && !busy.has(test.machine.toLowerCase());
      if (elapsedMs !== null && idle && elapsedMs > QUEUE_STALL_MS) {
        verdict = 'stuck in queue';
        advice = `nothing runs on ${test.machine} while this test waits: is ${test.machine} Ready in HLK (its status and heartbeat on this page), and is it connected? Set it Ready again once it is back.`;
      }
    }
    timings.set(test.id, { expectedMs: e.expectedMs, basis: e.basis, elapsedMs, verdict, hangAt, advice, machine: test.machine });
  }
  return timings;
}

/** Done, running, queued and left, and when the queued and running work ends (with its range). */
export function passProgress(input: ProgressInput, timings = testTimings(input)): PassProgress {
  const count = (...states: HlkTestState[]) => input.tests.filter((t) => states.includes(t.state)).length;
  const lanes = new Map<string, { likely: number; earliest: number; latest: number }>();
  let unestimated = 0;
  for (const test of input.tests) {
    if (test.state !== 'running' && test.state !== 'queued') continue;
    const timing = timings.get(test.id)!;
    const e = expectation(test, input.pastDurations(test.name));
    if (e.expectedMs === null) {
      unestimated++;
      continue;
    }
    const lane = test.machine ?? 'a machine HLK has not chosen yet';
    const sum = lanes.get(lane) ?? { likely: 0, earliest: 0, latest: 0 };
    // A running test has what is left of its time; an overdue one could end any moment, or take as long again.
    const ran = test.state === 'running' ? (timing.elapsedMs ?? 0) : 0;
    sum.likely += Math.max(0, e.expectedMs - ran);
    sum.earliest += Math.max(0, e.fastestMs! - ran);
    sum.latest += ran > e.slowestMs! ? e.expectedMs : e.slowestMs! - ran;
    lanes.set(lane, sum);
  }
  let eta: PassEta | null = null;
  for (const [machine, sum] of lanes) {
    if (!eta || input.now + sum.likely > eta.likely) eta = { likely: input.now + sum.likely, earliest: input.now + sum.earliest, latest: input.now + sum.latest, busiest: machine };
  }
  if (eta) {
    // The range spans every machine: the pass ends no sooner than the slowest lane's earliest, no later than its latest.
    for (const sum of lanes.values()) {
      eta.earliest = Math.max(eta.earliest, input.now + sum.earliest);
      eta.latest = Math.max(eta.latest, input.now + sum.latest);
    }
  }
  return {
    now: input.now,
    total: input.tests.length,
    done: count('passed', 'failed'),
    passed: count('passed'),
    failed: count('failed'),
    running: count('running'),
    queued: count('queued'),
    notQueued: count('not run', 'cancelled'),
    unestimated,
    eta,
  };
}
