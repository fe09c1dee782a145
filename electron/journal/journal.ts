import { open, readFile, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The run journal: everything done and seen during a pass, one JSON object per line, append-only.
 *
 * `append` resolves only after the line is on disk (written and fdatasync'ed), so an entry the caller
 * was told about survives a crash or a power cut. Lines that arrive while a sync is under way are
 * written together with the next sync (group commit), which keeps a burst of events cheap. A crash can
 * leave a torn last line; it was never acknowledged, so reading skips it and opening cuts it off.
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
  line: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class Journal {
  private nextSeq: number;
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    lastSeq: number,
  ) {
    this.nextSeq = lastSeq + 1;
  }

  /** Opens (or creates) a journal, cutting off a torn last line left by a crash. */
  static async open(path: string): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    const existing = await readJournal(path);
    const file = await open(path, 'a+');
    const { size } = await file.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        const text = await readFile(path);
        const keep = text.lastIndexOf(0x0a) + 1;
        await file.truncate(keep);
        await file.datasync();
      }
    }
    const lastSeq = existing.entries.reduce((max, e) => Math.max(max, e.seq), 0);
    return new Journal(path, file, lastSeq);
  }

  /** Adds an entry; resolves with it once it is durably on disk. */
  append<T>(entry: NewJournalEntry<T>): Promise<JournalEntry<T>> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    const full: JournalEntry<T> = { seq: this.nextSeq++, at: entry.at ?? new Date().toISOString(), machine: entry.machine, kind: entry.kind, text: entry.text, ...(entry.data !== undefined ? { data: entry.data } : {}) };
    const line = `${JSON.stringify(full)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
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
          await this.file.write(batch.map((p) => p.line).join(''));
          await this.file.datasync();
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

/** Reads a journal, skipping (and reporting) lines that do not parse; a missing file is an empty journal. */
export async function readJournal(path: string): Promise<JournalReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
    throw e;
  }
  const entries: JournalEntry[] = [];
  const skipped: JournalReadResult['skipped'] = [];
  const lines = text.split('\n');
  const torn = lines[lines.length - 1] !== '';
  lines.forEach((line, i) => {
    if (line === '') return;
    const isLast = i === lines.length - 1;
    try {
      const value = JSON.parse(line) as JournalEntry;
      if (typeof value.seq !== 'number' || typeof value.kind !== 'string' || typeof value.at !== 'string') throw new Error('not an entry');
      if (isLast && torn) throw new Error('torn');
      entries.push(value);
    } catch {
      skipped.push({ line: i + 1, reason: isLast && torn ? 'torn last line (written during a crash, never acknowledged)' : 'not a journal entry' });
    }
  });
  return { entries, skipped };
}
