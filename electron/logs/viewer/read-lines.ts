import { open, type FileHandle } from 'node:fs/promises';
import { MAX_VIEWER_LINE, type LogLine } from '../../../shared/logs/viewer';
import { decodeLogBytes } from '../analysis/log-text';
import type { LineIndex } from './line-index';

/** Lines that together fit in this many bytes are read with one call. */
const READ_TOGETHER_BYTES = 4 << 20;

/**
 * Reads the given lines (1-based, ascending, all within the index) and only those: consecutive lines
 * with one read, a line longer than the viewer shows only as far as it shows it.
 */
export async function readLines(index: LineIndex, lines: readonly number[]): Promise<LogLine[]> {
  const handle = await open(index.path, 'r');
  try {
    const out: LogLine[] = [];
    for (const run of consecutiveRuns(lines)) out.push(...(await readRun(handle, index, run.first, run.last)));
    return out;
  } finally {
    await handle.close();
  }
}

/**
 * The most bytes a shown line can take, with its line break: a JavaScript character is one UTF-16 unit
 * (2 bytes) or up to 3 bytes of UTF-8 (a 4-byte sequence makes two characters).
 */
function maxLineBytes(index: LineIndex): number {
  return (MAX_VIEWER_LINE + 2) * (index.unit === 2 ? 2 : 3);
}

async function readRun(handle: FileHandle, index: LineIndex, first: number, last: number): Promise<LogLine[]> {
  const cap = maxLineBytes(index);
  const from = index.start(first);
  const to = index.end(last);
  let together = to - from <= READ_TOGETHER_BYTES;
  for (let line = first; together && line <= last; line++) if (index.end(line) - index.start(line) > cap) together = false;
  if (together) {
    const bytes = await readAt(handle, from, to - from);
    const out: LogLine[] = [];
    for (let line = first; line <= last; line++) {
      out.push(lineFrom(index, line, bytes.subarray(index.start(line) - from, index.end(line) - from), false));
    }
    return out;
  }
  const out: LogLine[] = [];
  for (let line = first; line <= last; line++) {
    const length = index.end(line) - index.start(line);
    const bytes = await readAt(handle, index.start(line), Math.min(length, cap));
    out.push(lineFrom(index, line, bytes, length > cap));
  }
  return out;
}

function lineFrom(index: LineIndex, line: number, bytes: Buffer, readInPart: boolean): LogLine {
  let text = decodeLogBytes(bytes.subarray(0, bytes.length - (bytes.length % index.unit)), index.encoding);
  if (!readInPart) text = withoutLineBreak(text);
  const cut = readInPart || text.length > MAX_VIEWER_LINE;
  return { line, text: cut ? text.slice(0, MAX_VIEWER_LINE) : text, cut };
}

export function withoutLineBreak(text: string): string {
  let end = text.length;
  if (text.charCodeAt(end - 1) === 0x0a) end--;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  return end === text.length ? text : text.slice(0, end);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Ascending line numbers as runs of consecutive ones: 3,4,5,9 gives 3–5 and 9. */
function consecutiveRuns(lines: readonly number[]): Array<{ first: number; last: number }> {
  const runs: Array<{ first: number; last: number }> = [];
  for (const line of lines) {
    const run = runs[runs.length - 1];
    if (run && line === run.last + 1) run.last = line;
    else runs.push({ first: line, last: line });
  }
  return runs;
}
