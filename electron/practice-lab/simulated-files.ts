/**
 * The files of one simulated Windows machine, by Windows path (names compare without case, as on NTFS).
 * Only what log collection reads is modelled: files with their bytes and last write time, the folders
 * their paths imply, a file held open by another process, and a file that goes away once it was listed.
 */

export interface SimulatedFile {
  /** The path as Windows shows it: `C:\Windows\INF\setupapi.dev.log`. */
  path: string;
  modified: Date;
  /** A process holds it open without sharing: opening it fails like a Windows sharing violation. */
  lockedBy: string | null;
  /** Gone right after it is next listed, as when HLK removes a finished job's folder. */
  vanishesAfterListing: boolean;
  /** Rewritten in place (same size, other bytes) this many more times, each time a copy of it has been read to the end. */
  rewritesAfterCopy: number;
  content(): Buffer;
}

export interface SimulatedFileOptions {
  modified?: Date;
  lockedBy?: string;
  vanishesAfterListing?: boolean;
  rewritesAfterCopy?: number;
}

const key = (path: string) => path.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();

export class SimulatedFileSystem {
  private readonly files = new Map<string, SimulatedFile>();
  /** Bytes sent over SFTP per file (lower-case path): what tests count to prove a resume copies nothing twice. */
  readonly served = new Map<string, number>();
  /** Fault: once this many more bytes have been sent over SFTP, every connection to the machine drops. */
  dropAfterBytes: number | null = null;
  /** The file being served when the drop fault fired. */
  droppedDuring: string | null = null;

  /** Adds (or replaces) a file; content may be made on first read, so a large log costs nothing until asked for. */
  add(path: string, content: Buffer | (() => Buffer), options: SimulatedFileOptions = {}): SimulatedFile {
    let bytes = typeof content === 'function' ? null : content;
    const make = typeof content === 'function' ? content : null;
    const file: SimulatedFile = {
      path,
      modified: options.modified ?? new Date(),
      lockedBy: options.lockedBy ?? null,
      vanishesAfterListing: options.vanishesAfterListing ?? false,
      rewritesAfterCopy: options.rewritesAfterCopy ?? 0,
      content: () => (bytes ??= make!()),
    };
    this.files.set(key(path), file);
    return file;
  }

  get(path: string): SimulatedFile | undefined {
    return this.files.get(key(path));
  }

  /** A writer rewrote the file in place: same size, other bytes, a new last write time. */
  rewrite(file: SimulatedFile): void {
    const bytes = Buffer.from(file.content());
    for (let i = 0; i < bytes.length; i += 512) bytes[i] = bytes[i]! ^ 0x20;
    this.add(file.path, bytes, { modified: new Date(), rewritesAfterCopy: file.rewritesAfterCopy - 1 });
  }

  remove(path: string): boolean {
    return this.files.delete(key(path));
  }

  /** Removes a folder and everything under it; returns how many files went. */
  removeFolder(path: string): number {
    const prefix = `${key(path)}\\`;
    let removed = 0;
    for (const k of [...this.files.keys()]) {
      if (k.startsWith(prefix)) {
        this.files.delete(k);
        removed++;
      }
    }
    return removed;
  }

  isFolder(path: string): boolean {
    const k = key(path);
    if (/^[a-z]:$/.test(k)) return true;
    const prefix = `${k}\\`;
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    return false;
  }

  /** What is directly in a folder: its files, and the folders the paths below it imply. Null if there is no such folder. */
  list(folder: string): Array<{ name: string; file: SimulatedFile | null }> | null {
    if (!this.isFolder(folder)) return null;
    const prefix = `${key(folder)}\\`;
    const entries = new Map<string, { name: string; file: SimulatedFile | null }>();
    for (const [k, file] of this.files) {
      if (!k.startsWith(prefix)) continue;
      const rest = file.path.slice(prefix.length);
      const slash = rest.indexOf('\\');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (!entries.has(name.toLowerCase())) entries.set(name.toLowerCase(), { name, file: slash < 0 ? file : null });
    }
    return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  }

  /** The drives the machine has, as SFTP's root lists them. */
  drives(): string[] {
    return [...new Set([...this.files.values()].map((f) => f.path.slice(0, 2).toUpperCase()))].sort();
  }

  /**
   * Files matching a path of the collection plan's syntax, environment variables already expanded:
   * `*` and `?` within one name, `\**\` for any depth of folders, a folder for every file under it.
   * In path order, as NTFS lists them.
   */
  match(pattern: string): SimulatedFile[] {
    const re = wildcard(!/[*?]/.test(pattern) && this.isFolder(pattern) ? `${pattern.replace(/\\+$/, '')}\\**\\*` : pattern);
    return [...this.files.values()].filter((f) => re.test(f.path)).sort((a, b) => key(a.path).localeCompare(key(b.path)));
  }

  /** Counts bytes sent over SFTP; true when the drop fault fires now (the bytes are then not sent). */
  noteServed(path: string, bytes: number): boolean {
    if (this.dropAfterBytes !== null) {
      if (bytes > this.dropAfterBytes) {
        this.dropAfterBytes = null;
        this.droppedDuring = path;
        return true;
      }
      this.dropAfterBytes -= bytes;
    }
    this.served.set(key(path), (this.served.get(key(path)) ?? 0) + bytes);
    return false;
  }

  servedBytes(path: string): number {
    return this.served.get(key(path)) ?? 0;
  }
}

/**
 * A Windows wildcard as PowerShell reads it, without case: `*` any run of characters within a name, `?` one
 * character, `\**\` any depth of folders. A name without a backslash (an event log channel) is one name.
 */
export function wildcard(pattern: string): RegExp {
  const source = pattern
    .split('\\**\\')
    .map((part) =>
      part
        .split('')
        .map((c) => (c === '*' ? '[^\\\\]*' : c === '?' ? '[^\\\\]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join(''),
    )
    .join('\\\\(?:[^\\\\]+\\\\)*');
  return new RegExp(`^${source}$`, 'i');
}
