import { formatDuration, formatWhen } from './time-format';
import { useNow } from './use-now';

/** Closer than the clock's tick: a count of seconds would only look stuck. */
const JUST_NOW_MS = 10_000;

function ago(ms: number): string {
  return ms < JUST_NOW_MS ? 'just now' : `${formatDuration(ms)} ago`;
}

/**
 * A moment as "for 3 min" (how long something has lasted) or "3 min ago"; the absolute time is in
 * the markup for hover and screen readers.
 */
export function RelativeTime({ iso, phrasing }: { iso: string; phrasing: 'for' | 'ago' }) {
  const now = useNow();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const ms = now - date.getTime();
  return (
    <time dateTime={iso} title={`${formatWhen(date, now)} (${iso})`}>
      {phrasing === 'ago' || ms < JUST_NOW_MS ? ago(ms) : `for ${formatDuration(ms)}`}
    </time>
  );
}

/** A moment as "2025-11-19 21:52 (26 h ago)", or "21:52:03 (3 min ago)" today. */
export function AbsoluteAndRelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatWhen(date, now)} <span className="muted">({ago(now - date.getTime())})</span>
    </time>
  );
}
