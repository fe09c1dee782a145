import { isAscii } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { completeUtf8Length, sniffEncoding, SNIFF_BYTES, type LogEncoding } from './log-encoding';

/**
 * A log file as text, read in pieces: memory stays the same whether the log is 1 MB or 10 GB. Each piece
 * ends at a line break (except the last), so a line is never split between pieces; a line longer than a
 * whole read (a run of garbage after a crash, usually) is the one exception and is handed over in parts.
 */
export interface LogText {
  bytes: number;
  encoding: LogEncoding;
  /** The start of the file, decoded: enough to recognise what kind of log it is. */
  head: string;
  /** The text in pieces of whole lines, read from disk as they are consumed. */
  chunks(): AsyncGenerator<string, void, undefined>;
}

export class NotTextError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is not a text log: ${reason}`);
    this.name = 'NotTextError';
  }
}

/**
 * Reads of 1 MiB keep the number of file system calls low; the text is handed over in pieces of about 64 KiB
 * of whole lines, because strings that small die young in V8's new space, while 1 MiB strings go to the
 * large-object space and pile up until a full garbage collection (measured on a 1 GB log: 45 MB against
 * 125 MB of resident memory growth, at the same speed).
 */
const READ_BYTES = 1 << 20;
const PIECE_BYTES = 64 * 1024;

/** `readBytes` is for tests: small reads put line breaks and characters at every possible place in a read. */
export async function openLogText(file: string, readBytes: number = READ_BYTES): Promise<LogText> {
  const handle = await open(file, 'r');
  let size: number;
  let head: Buffer;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const verdict = sniffEncoding(head, head.length === size);
  if (!verdict.text) throw new NotTextError(file, verdict.reason);
  const { encoding, bomBytes } = verdict;
  return {
    bytes: size,
    encoding,
    head: decodeLogBytes(head.subarray(bomBytes), encoding),
    async *chunks() {
      const reader = await open(file, 'r');
      try {
        if (encoding === 'utf-16le' || encoding === 'utf-16be') {
          yield* utf16Chunks(reader, bomBytes, readBytes, encoding === 'utf-16be');
        } else {
          yield* eightBitChunks(reader, bomBytes, readBytes, encoding);
        }
      } finally {
        await reader.close();
      }
    },
  };
}

/** Bytes of a log as text; a character cut off at the end of `bytes` is left out, not garbled. */
export function decodeLogBytes(bytes: Buffer, encoding: LogEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return bytes.toString('utf8', 0, completeUtf8Length(bytes));
    case 'windows-1252':
      return windows1252.decode(bytes);
    case 'utf-16le':
      return bytes.toString('utf16le', 0, bytes.length & ~1);
    case 'utf-16be':
      return Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16().toString('utf16le');
  }
}

const windows1252 = new TextDecoder('windows-1252');

/**
 * UTF-8 and ANSI: the line cut happens on bytes (a line break byte is never inside a UTF-8 sequence), and a
 * piece that is pure ASCII, as almost all log text is, is copied as Latin-1: the same characters, decoded
 * several times faster than through the UTF-8 decoder.
 */
async function* eightBitChunks(
  handle: FileHandle,
  start: number,
  readBytes: number,
  encoding: 'utf-8' | 'windows-1252',
): AsyncGenerator<string, void, undefined> {
  const decode =
    encoding === 'utf-8'
      ? (bytes: Buffer) => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'))
      : (bytes: Buffer) => windows1252.decode(bytes);
  const buffer = Buffer.allocUnsafe(readBytes);
  let filled = 0;
  let position = start;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, filled, readBytes - filled, position);
    position += bytesRead;
    const total = filled + bytesRead;
    const read = buffer.subarray(0, total);
    if (bytesRead === 0) {
      if (total > 0) yield decode(read);
      return;
    }
    let done = 0;
    for (;;) {
      const limit = Math.min(done + PIECE_BYTES, total);
      let cut = read.lastIndexOf(LINE_FEED, limit - 1) + 1;
      if (cut <= done) cut = read.indexOf(LINE_FEED, limit) + 1;
      if (cut <= done) break;
      yield decode(read.subarray(done, cut));
      done = cut;
    }
    if (done === 0 && total === readBytes) {
      // Not one line break in a whole read: hand over part of the line rather than hold it whole.
      done = encoding === 'utf-8' ? completeUtf8Length(read) : total;
      yield decode(read.subarray(0, done));
    }
    buffer.copyWithin(0, done, total);
    filled = total - done;
  }
}

const LINE_FEED = 0x0a;

/** UTF-16: bytes are decoded in even-sized runs and the line cut happens on the decoded text. */
async function* utf16Chunks(
  handle: FileHandle,
  start: number,
  readBytes: number,
  bigEndian: boolean,
): AsyncGenerator<string, void, undefined> {
  const buffer = Buffer.allocUnsafe(readBytes);
  const pieceChars = PIECE_BYTES / 2;
  let filled = 0;
  let position = start;
  let pending = '';
  for (;;) {
    const { bytesRead } = await handle.read(buffer, filled, readBytes - filled, position);
    position += bytesRead;
    const total = filled + bytesRead;
    const even = total & ~1;
    if (bigEndian) buffer.subarray(0, even).swap16();
    const text = pending + buffer.toString('utf16le', 0, even);
    buffer.copyWithin(0, even, total);
    filled = total - even;
    if (bytesRead === 0) {
      if (text.length > 0) yield text;
      return;
    }
    let done = 0;
    for (;;) {
      const limit = Math.min(done + pieceChars, text.length);
      let cut = text.lastIndexOf('\n', limit - 1) + 1;
      if (cut <= done) cut = text.indexOf('\n', limit) + 1;
      if (cut <= done) break;
      yield text.slice(done, cut);
      done = cut;
    }
    if (done === 0 && text.length >= readBytes) {
      done = text.length;
      yield text;
    }
    pending = text.slice(done);
  }
}
