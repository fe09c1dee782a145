import { formatDuration, formatWhen } from './time-format';
import { useNow } from './use-now';

/**
 * A moment as "for 3 min" (how long something has lasted) or "3 min ago"; the absolute time is in
 * the markup for hover and screen readers.
 */
export function RelativeTime({ iso, phrasing }: { iso: string; phrasing: 'for' | 'ago' }) {
  const now = useNow();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const duration = formatDuration(now - date.getTime());
  return (
    <time dateTime={iso} title={`${formatWhen(date, now)} (${iso})`}>
      {phrasing === 'for' ? `for ${duration}` : `${duration} ago`}
    </time>
  );
}

/** A moment as "2025-11-20 21:52 (3 h ago)", or "21:52:03 (3 min ago)" today. */
export function AbsoluteAndRelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatWhen(date, now)} <span className="muted">({formatDuration(now - date.getTime())} ago)</span>
    </time>
  );
}
