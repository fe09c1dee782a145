import type { LabEvent } from '../../shared/lab';

/** How many events the UI keeps; the journal in the main process keeps them all. */
export const EVENT_BUFFER = 2000;

/** Adds events to a newest-first list: the same event arriving twice (snapshot and stream) is kept once. */
export function mergeEvents(current: readonly LabEvent[], incoming: readonly LabEvent[]): LabEvent[] {
  const byId = new Map<number, LabEvent>();
  for (const e of current) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, EVENT_BUFFER);
}
