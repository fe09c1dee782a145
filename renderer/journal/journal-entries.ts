import type { JournalEntryView, JournalKind } from '../../shared/journal';

/** Entries read at first, and how many more each "older" asks for. */
export const JOURNAL_PAGE = 300;
/** The most journal.query gives in one answer. */
export const JOURNAL_MAX = 10_000;

/** The timeline: the newest `limit` entries that match the filter, oldest first, and how many match in all. */
export interface JournalState {
  status: 'idle' | 'loading' | 'loaded';
  entries: JournalEntryView[];
  matched: number;
  limit: number;
  error: string | null;
}

export const emptyJournal: JournalState = { status: 'idle', entries: [], matched: 0, limit: JOURNAL_PAGE, error: null };

/** What the timeline shows: one machine's entries or every machine's, of the kinds ticked. */
export interface JournalFilter {
  machine: string | null;
  kinds: readonly JournalKind[];
}

export function matchesJournalFilter(entry: JournalEntryView, filter: JournalFilter): boolean {
  return (filter.machine === null || entry.machine === filter.machine) && filter.kinds.includes(entry.kind);
}

/**
 * Entries from a query and entries pushed since, as one list: oldest first, each entry once (its `seq`),
 * the newest `limit` of them. A query answers with what was on disk when it read; entries pushed while it
 * was under way are kept, not lost under the answer.
 */
export function mergeJournalEntries(current: readonly JournalEntryView[], incoming: readonly JournalEntryView[], limit: number): JournalEntryView[] {
  const bySeq = new Map<number, JournalEntryView>();
  for (const e of current) bySeq.set(e.seq, e);
  for (const e of incoming) bySeq.set(e.seq, e);
  const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/**
 * The timeline after entries were pushed: those that match its filter join it, and are counted. A timeline
 * nobody has opened yet stays as it is (it reads them with the rest); null when nothing changes.
 */
export function withPushedEntries(journal: JournalState, pushed: readonly JournalEntryView[], filter: JournalFilter): JournalState | null {
  if (journal.status === 'idle') return null;
  const matching = pushed.filter((e) => matchesJournalFilter(e, filter));
  if (matching.length === 0) return null;
  return { ...journal, entries: mergeJournalEntries(journal.entries, matching, journal.limit), matched: journal.matched + countNew(journal.entries, matching) };
}

/** How many of `incoming` are not in `current` yet (what a push adds to the count of matching entries). */
function countNew(current: readonly JournalEntryView[], incoming: readonly JournalEntryView[]): number {
  const known = new Set(current.map((e) => e.seq));
  return new Set(incoming.filter((e) => !known.has(e.seq)).map((e) => e.seq)).size;
}
