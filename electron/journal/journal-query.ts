import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JournalEntry } from './journal';

/**
 * Reads a journal line by line, keeping only the last `limit` entries that match: a pass that ran for days
 * has a journal of many megabytes, and a query must not hold it all. A line that does not parse (a torn
 * last line after a crash) is counted and skipped.
 */

export interface JournalFilter {
  machine?: string | undefined;
  kinds?: readonly string[] | undefined;
  /** Entries at or after this ISO time. */
  since?: string | undefined;
  limit: number;
}

export async function queryJournal(path: string, filter: JournalFilter): Promise<{ entries: JournalEntry[]; matched: number; unreadable: number }> {
  const since = filter.since === undefined ? null : Date.parse(filter.since);
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  // The last `limit` matches, in a ring: the oldest is overwritten once it is full.
  const ring: JournalEntry[] = [];
  let matched = 0;
  let unreadable = 0;
  let stream;
  try {
    stream = createReadStream(path, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', reject);
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], matched: 0, unreadable: 0 };
    throw e;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.seq !== 'number' || typeof entry.kind !== 'string' || typeof entry.at !== 'string') throw new Error('not an entry');
    } catch {
      unreadable++;
      continue;
    }
    if (filter.machine !== undefined && entry.machine !== filter.machine) continue;
    if (kinds && !kinds.has(entry.kind)) continue;
    if (since !== null && Date.parse(entry.at) < since) continue;
    if (ring.length < filter.limit) ring.push(entry);
    else if (filter.limit > 0) ring[matched % filter.limit] = entry;
    matched++;
  }
  const start = ring.length < filter.limit ? 0 : matched % filter.limit;
  return { entries: [...ring.slice(start), ...ring.slice(0, start)], matched, unreadable };
}
