import { isUtf8 } from 'node:buffer';

/**
 * Which text encoding a log is in, judged from its first bytes.
 *
 * Windows writes logs in several encodings: UTF-8 or plain ASCII (setupapi.dev.log, OpenVPN), UTF-16LE with a
 * byte order mark (PowerShell's Out-File, many HLK logs), and the ANSI code page (Windows-1252 on western
 * systems) from older tools. All of these are decoded. A file is "not text" when its start holds NUL bytes
 * that are not UTF-16, or bytes that are neither UTF-8 nor printable ANSI text: dumps, cabinets, ETL traces.
 */
export type LogEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type EncodingVerdict =
  | { text: true; encoding: LogEncoding; bomBytes: number }
  | { text: false; reason: string };

/** The bytes at the start of a file that decide its encoding and kind. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * `complete` says whether `head` is the whole file; when it is not, a character cut at the end of the head
 * does not count against UTF-8.
 */
export function sniffEncoding(head: Buffer, complete: boolean): EncodingVerdict {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { text: true, encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { text: true, encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { text: true, encoding: 'utf-16be', bomBytes: 2 };

  if (head.includes(0)) {
    const withoutBom = utf16WithoutBom(head);
    if (withoutBom) return { text: true, encoding: withoutBom, bomBytes: 0 };
    return { text: false, reason: 'it contains NUL bytes (binary data)' };
  }
  const checked = complete ? head : head.subarray(0, completeUtf8Length(head));
  if (isUtf8(checked)) return { text: true, encoding: 'utf-8', bomBytes: 0 };
  if (hasControlBytes(head)) return { text: false, reason: 'it is neither UTF-8 nor ANSI text (binary data)' };
  return { text: true, encoding: 'windows-1252', bomBytes: 0 };
}

/**
 * UTF-16 written without a byte order mark: mostly-ASCII text has a zero in every other byte, on the odd
 * positions for little endian. Binary data has zeros on both.
 */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = head.length >> 1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) return 'utf-16le';
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < needed ? i : end;
  }
  return end;
}

/** C0 control bytes that text does not contain (tab, line breaks, form feed and escape are allowed). */
function hasControlBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) return true;
  }
  return false;
}
