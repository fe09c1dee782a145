/** Times as an operator reads them at a glance: 24-hour local time, durations in the two largest units. */

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} days ${h % 24} h` : `${d} days`;
}

export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `21:52:03` on the day `today` (as formatDate gives it), `2025-11-19 21:52` on another day. */
export function formatWhenOn(date: Date, today: string): string {
  return formatDate(date) === today ? formatClock(date) : `${formatDate(date)} ${formatClock(date).slice(0, 5)}`;
}

export function formatWhen(date: Date, now: number): string {
  return formatWhenOn(date, formatDate(new Date(now)));
}
