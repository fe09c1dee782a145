import type { HlkTestsView } from '../../shared/hlk/views';
import type { TestTiming } from '../../shared/hlk/pass-progress';
import { formatClock, formatDuration } from '../components/time-format';
import type { Tone } from '../lab/connection-states';

/** A timing verdict as the table says it, in words and a tone. */
export const timingLooks: Record<NonNullable<TestTiming['verdict']>, { label: string; tone: Tone }> = {
  'on time': { label: 'On time', tone: 'good' },
  overdue: { label: 'Overdue', tone: 'warn' },
  'probable hang': { label: 'Probably hangs', tone: 'bad' },
  'stuck in queue': { label: 'Stuck in the queue', tone: 'bad' },
};

/** A moment of the controller's clock as this computer's time: the reading's offset applied. */
export function localTime(tests: HlkTestsView, controllerMs: number): Date {
  return new Date(Date.parse(tests.at) + (controllerMs - tests.progress.now));
}

/** "in 1 h 31 min (about 17:45; between 17:20 and 18:30)", or why there is none. */
export function etaText(tests: HlkTestsView): string {
  const eta = tests.progress.eta;
  if (!eta) return tests.progress.notQueued > 0 ? 'nothing is queued or running' : 'the pass is done';
  const at = (ms: number) => formatClock(localTime(tests, ms)).slice(0, 5);
  return `in ${formatDuration(eta.likely - tests.progress.now)} (about ${at(eta.likely)}; between ${at(eta.earliest)} and ${at(eta.latest)})`;
}
