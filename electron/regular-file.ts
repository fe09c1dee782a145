import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Files the operator names (a lab file, a key file, a log) are opened through here: a named pipe, a
 * device or a socket is refused instead of read. Reading a FIFO waits for a writer forever, and each
 * such wait holds one of libuv's four file threads, so four of them stop every file operation of the
 * process; /dev/zero never ends. Opening without blocking, then asking the open file what it is, leaves
 * no gap for the path to be swapped between the check and the read.
 */

export class RefusedFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RefusedFileError';
  }
}

/** What a file system entry that is not a regular file is, in the operator's words. */
export function entryKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Opens a regular file for reading; anything else is a RefusedFileError that says what it is. */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  // O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; Windows has no such flag and no FIFOs in the file system.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) throw new RefusedFileError(path, `${entryKind(facts)}, not a file`);
    return { handle, size: facts.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Reads a whole regular file of at most maxBytes: a larger one is refused before any of it is read, and
 * one that grows while it is read is refused rather than read without end.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > maxBytes) throw new RefusedFileError(path, `${describeBytes(size)}, more than the ${describeBytes(maxBytes)} allowed`);
    // One byte more than the file should hold tells a file that grew while it was read.
    const buffer = Buffer.alloc(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) throw new RefusedFileError(path, 'grew while it was read; try again once it is complete');
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function describeBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
}
