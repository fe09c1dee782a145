import { open, type FileHandle } from 'node:fs/promises';
import { sniffEncoding, SNIFF_BYTES, type LogEncoding } from '../analysis/log-encoding';
import { NotTextError } from '../analysis/log-text';

/**
 * Where every line of a log starts, in bytes, found in one streaming pass: the file is read 1 MiB at a
 * time and only the offsets are kept (8 bytes a line: 8 MB for a million lines), so any line can later
 * be read on its own. A log that grows (setupapi.dev.log, OpenVPN's log) is indexed on from where the
 * last pass stopped; one that shrank or was rewritten is indexed again.
 */
export class LineIndex {
  /** starts[i] is where line i + 1 begins; after the last line break there is one more start, maybe at the end. */
  private starts = new Float64Array(1024);
  private count = 0;
  /** Bytes looked at so far: always a whole number of code units from the text's start. */
  private scanned: number;
  size = 0;
  mtimeMs = 0;

  private constructor(
    readonly path: string,
    readonly encoding: LogEncoding,
    /** Bytes of the byte order mark: the first line starts after it. */
    readonly bomBytes: number,
  ) {
    this.push(bomBytes);
    this.scanned = bomBytes;
  }

  /** Indexes a file; throws NotTextError for one that is not text, and the file system's error for one it cannot read. */
  static async build(path: string, readBytes = READ_BYTES): Promise<LineIndex> {
    const handle = await open(path, 'r');
    try {
      const { size, mtimeMs } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const verdict = sniffEncoding(head.subarray(0, bytesRead), bytesRead === size);
      if (!verdict.text) throw new NotTextError(path, verdict.reason);
      const index = new LineIndex(path, verdict.encoding, verdict.bomBytes);
      await index.scan(handle, size, readBytes);
      index.mtimeMs = mtimeMs;
      return index;
    } finally {
      await handle.close();
    }
  }

  /**
   * The index of the file as it is now: this one, extended over what was appended, or a new one when the
   * file shrank or was changed in place.
   */
  async refresh(readBytes = READ_BYTES): Promise<LineIndex> {
    const handle = await open(this.path, 'r');
    try {
      const { size, mtimeMs } = await handle.stat();
      if (size === this.size && mtimeMs === this.mtimeMs) return this;
      if (size > this.size) {
        await this.scan(handle, size, readBytes);
        this.mtimeMs = mtimeMs;
        return this;
      }
    } finally {
      await handle.close();
    }
    return LineIndex.build(this.path, readBytes);
  }

  /** Bytes of one character unit: 2 in UTF-16, where a line break is the unit 0x000A. */
  get unit(): 1 | 2 {
    return this.encoding === 'utf-16le' || this.encoding === 'utf-16be' ? 2 : 1;
  }

  /** Lines in the file: text after the last line break is a line; nothing after it is not. */
  get lines(): number {
    return this.starts[this.count - 1] >= this.size ? this.count - 1 : this.count;
  }

  /** Where 1-based `line` starts. */
  start(line: number): number {
    return this.starts[line - 1]!;
  }

  /** Where `line` ends, its line break included. */
  end(line: number): number {
    return line < this.count ? this.starts[line]! : this.size;
  }

  private push(offset: number): void {
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = offset;
  }

  private async scan(handle: FileHandle, size: number, readBytes: number): Promise<void> {
    const unit = this.unit;
    const buffer = Buffer.allocUnsafe(readBytes - (readBytes % 2));
    // Whole code units only: an odd byte at the end waits for the rest of its unit.
    const end = size - ((size - this.bomBytes) % unit);
    let position = this.scanned;
    while (position < end) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) break;
      const usable = bytesRead - (bytesRead % unit);
      const bytes = buffer.subarray(0, usable);
      if (unit === 1) {
        for (let at = bytes.indexOf(LINE_FEED); at !== -1; at = bytes.indexOf(LINE_FEED, at + 1)) this.push(position + at + 1);
      } else {
        const feed = this.encoding === 'utf-16le' ? UTF16LE_FEED : UTF16BE_FEED;
        for (let at = bytes.indexOf(feed); at !== -1; at = bytes.indexOf(feed, at + 1)) {
          // Only on a unit boundary: 0x0A 0x00 across two characters is not a line break.
          if (at % 2 === 0) this.push(position + at + 2);
        }
      }
      position += usable;
    }
    this.scanned = position;
    this.size = size;
  }
}

const READ_BYTES = 1 << 20;
const LINE_FEED = 0x0a;
const UTF16LE_FEED = Buffer.from([0x0a, 0x00]);
const UTF16BE_FEED = Buffer.from([0x00, 0x0a]);
