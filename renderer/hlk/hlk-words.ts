import type { HlkTestState } from '../../shared/hlk/views';
import type { Tone } from '../lab/connection-states';

/** A test's state as the table says it, worst first. */
export const testStateLooks: Record<HlkTestState, { label: string; tone: Tone; rank: number }> = {
  failed: { label: 'Failed', tone: 'bad', rank: 0 },
  running: { label: 'Running', tone: 'busy', rank: 1 },
  queued: { label: 'Queued', tone: 'busy', rank: 2 },
  cancelled: { label: 'Cancelled', tone: 'warn', rank: 3 },
  'not run': { label: 'Not run', tone: 'off', rank: 4 },
  passed: { label: 'Passed', tone: 'good', rank: 5 },
};

const testStates: readonly HlkTestState[] = ['failed', 'running', 'queued', 'cancelled', 'not run', 'passed'];

/** "24 tests: 3 passed, 1 failed, 1 running, 5 not run" (states with none left out). */
export function testCountsText(counts: Record<HlkTestState, number>): string {
  const total = testStates.reduce((n, s) => n + counts[s], 0);
  const parts = testStates.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${testStateLooks[s].label.toLowerCase()}`);
  return `${total} ${total === 1 ? 'test' : 'tests'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** How HLK's machine status reads: Ready is the only state HLK schedules tests on. */
export function machineStatusTone(status: string): Tone {
  if (status.toLowerCase() === 'ready') return 'good';
  if (status.toLowerCase() === 'notready') return 'warn';
  return 'bad';
}

/** HLK's status words with spaces, as Studio shows them ("NotReady" as "Not ready"). */
export function machineStatusWords(status: string): string {
  const spaced = status.replace(/([a-z])([A-Z])/g, '$1 $2');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

/**
 * What Arrange did, in order: a support machine ahead of the clients goes out to the Default Pool and comes
 * back in after them, so it is named twice; each time says which way it went.
 */
export function poolMovesText(moves: ReadonlyArray<{ machine: string; from: string; to: string }>, pool: string): string {
  return moves.map((m) => (m.to.toLowerCase() === pool.toLowerCase() ? `${m.machine} into the pool (from ${m.from})` : `${m.machine} out to ${m.to} for now`)).join(', then ');
}
