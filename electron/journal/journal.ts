import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withFileLock } from '../file-lock';

/**
 * The run journal: everything done and seen during a pass, one JSON object per line, append-only.
 *
 * `append` resolves only after the line is on disk (written and fdatasync'ed), so an entry the caller
 * was told about survives a crash or a power cut. Lines that arrive while a sync is under way are
 * written together with the next sync (group commit), which keeps a burst of events cheap. A crash can
 * leave a torn last line; it was never acknowledged, so reading skips it and opening cuts it off.
 *
 * Several processes may write one journal (the app, a web host, a CLI on one data folder): each batch is
 * numbered and written under a lock file, after the last number on disk, so sequence numbers stay unique
 * and in order across writers. Only the end of the file is ever read to write, so a journal of any size
 * opens at once.
 */

export interface JournalEntry<T = unknown> {
  seq: number;
  at: string;
  machine: string | null;
  kind: string;
  text: string;
  data?: T;
}

export type NewJournalEntry<T = unknown> = Omit<JournalEntry<T>, 'seq' | 'at'> & { at?: string };

export interface JournalReadResult {
  entries: JournalEntry[];
  /** Lines that could not be read (a torn last line, or damage in the middle), with their line numbers. */
  skipped: Array<{ line: number; reason: string }>;
}

interface Pending {
  entry: JournalEntry;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** Bytes read at a time when looking backwards from the end of the journal. */
const TAIL_READ_BYTES = 16 * 1024;

export class Journal {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;
  private readonly lockPath: string;
  /** The file's size and last number right after this writer's last batch: if the size is unchanged, no one else wrote since. */
  private known: { size: number; seq: number } | null = null;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
  ) {
    this.lockPath = `${path}.lock`;
  }

  /** Opens (or creates) a journal, cutting off a torn last line left by a crash. */
  static async open(path: string): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const file = await open(path, 'a+', 0o600);
    const journal = new Journal(path, file);
    try {
      await withFileLock(journal.lockPath, () => cutTornLine(file));
    } catch (e) {
      await file.close();
      throw e;
    }
    return journal;
  }

  /** Adds an entry; resolves with it, numbered, once it is durably on disk. */
  append<T>(entry: NewJournalEntry<T>): Promise<JournalEntry<T>> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    // The number is given when the entry is written, under the lock; 0 until then.
    const full: JournalEntry<T> = { seq: 0, at: entry.at ?? new Date().toISOString(), machine: entry.machine, kind: entry.kind, text: entry.text, ...(entry.data !== undefined ? { data: entry.data } : {}) };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry: full, resolve, reject });
      void this.flush();
    }).then(() => full);
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 1));
    await this.file.close();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await withFileLock(this.lockPath, async () => {
            let seq: number;
            const { size } = await this.file.stat();
            if (this.known?.size === size) seq = this.known.seq;
            else {
              // Another writer wrote since, or died mid-line: cut its torn line, then number after the last entry.
              await cutTornLine(this.file);
              seq = await lastSeq(this.file);
            }
            for (const p of batch) p.entry.seq = ++seq;
            const text = batch.map((p) => `${JSON.stringify(p.entry)}\n`).join('');
            await this.file.write(text);
            await this.file.datasync();
            this.known = { size: (await this.file.stat()).size, seq };
          });
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e as Error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/** Reads the file backwards from `end` in pieces, yielding each piece and where it starts. */
async function* backwards(file: FileHandle, end: number): AsyncGenerator<{ at: number; bytes: Buffer }> {
  let position = end;
  while (position > 0) {
    const length = Math.min(TAIL_READ_BYTES, position);
    position -= length;
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await file.read(bytes, 0, length, position);
    yield { at: position, bytes: bytes.subarray(0, bytesRead) };
  }
}

/** Cuts the file after its last line break: a line without one was torn by a crash and never acknowledged. */
async function cutTornLine(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  if (size === 0) return;
  let keep = 0;
  for await (const { at, bytes } of backwards(file, size)) {
    const i = bytes.lastIndexOf(0x0a);
    if (i >= 0) {
      keep = at + i + 1;
      break;
    }
  }
  if (keep === size) return;
  await file.truncate(keep);
  await file.datasync();
}

/** A line longer than this is not an entry the journal wrote; looking back, it is skipped, not gathered. */
const LONGEST_LINE_BYTES = 1024 * 1024;

/** The number of the last readable entry, reading back from the end only as far as needed; 0 for none. */
async function lastSeq(file: FileHandle): Promise<number> {
  const { size } = await file.stat();
  // `tail` holds the bytes read so far that are not yet known to be whole lines: a line's end, without its start.
  let tail = Buffer.alloc(0);
  let overlong = false;
  for await (const { bytes } of backwards(file, size)) {
    tail = Buffer.concat([bytes, tail]);
    const firstBreak = tail.indexOf(0x0a);
    if (firstBreak < 0) {
      if (tail.length > LONGEST_LINE_BYTES) {
        tail = Buffer.alloc(0);
        overlong = true;
      }
      continue;
    }
    const lines = tail.subarray(firstBreak + 1).toString('utf8').split('\n');
    if (overlong) lines.pop();
    overlong = false;
    for (let i = lines.length - 1; i >= 0; i--) {
      const seq = entrySeq(lines[i]!);
      if (seq !== null) return seq;
    }
    tail = tail.subarray(0, firstBreak);
  }
  return overlong ? 0 : (entrySeq(tail.toString('utf8')) ?? 0);
}

function entrySeq(line: string): number | null {
  if (line === '') return null;
  try {
    const value = JSON.parse(line) as Partial<JournalEntry>;
    return typeof value.seq === 'number' ? value.seq : null;
  } catch {
    return null;
  }
}

/**
 * Reads a journal line by line (never as one string: a journal of days can pass V8's string limit),
 * skipping and reporting lines that do not parse; a missing file is an empty journal.
 */
export async function readJournal(path: string): Promise<JournalReadResult> {
  const entries: JournalEntry[] = [];
  const skipped: JournalReadResult['skipped'] = [];
  let lineNumber = 0;
  const take = (line: string, torn: boolean) => {
    lineNumber++;
    if (line === '') return;
    try {
      const value = JSON.parse(line) as JournalEntry;
      if (typeof value.seq !== 'number' || typeof value.kind !== 'string' || typeof value.at !== 'string') throw new Error('not an entry');
      if (torn) throw new Error('torn');
      entries.push(value);
    } catch {
      skipped.push({ line: lineNumber, reason: torn ? 'torn last line (written during a crash, never acknowledged)' : 'not a journal entry' });
    }
  };
  let rest = '';
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
      const lines = (rest + (chunk as string)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) take(line, false);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
    throw e;
  }
  if (rest !== '') take(rest, true);
  return { entries, skipped };
}
