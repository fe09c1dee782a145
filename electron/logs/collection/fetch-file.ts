import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RemoteFile, RemoteFiles } from '../../transport/remote-files';

export interface FetchTuning {
  /** Bytes per read request: OpenSSH's sftp-server answers at most 255 KiB. */
  chunkSize: number;
  /** Read requests in flight at once: enough to cover the round trip, so the link never idles. */
  depth: number;
}

export interface FetchOptions extends FetchTuning {
  signal: AbortSignal;
  /** Told the bytes in the local copy so far (resumed bytes included) after every write. */
  progress(copied: number): void;
}

export interface Fetched {
  size: number;
  sha256: string;
  /** Bytes that were already in `<file>.part` and not fetched again. */
  resumedFrom: number;
}

/** The file on the machine ended before the size it had when it was opened: it was truncated or replaced. */
export class FileShrank extends Error {}

/** Where the failure happened: opening the file says something about the file; reading it, about the copy. */
export class FetchStageError extends Error {
  constructor(
    readonly stage: 'open' | 'read',
    override readonly cause: unknown,
  ) {
    super((cause as Error).message);
  }
}

/**
 * Copies one file into `localPath`: bytes go to `<localPath>.part` in order, hashed as they are written,
 * and the file is renamed into place only when every byte of the size the machine reported at open has
 * arrived. A `.part` left by an interrupted copy is continued from its end (its bytes are hashed again
 * from disk, not fetched again). Reads are pipelined: `depth` requests of `chunkSize` stay in flight.
 */
export async function fetchFile(files: RemoteFiles, remotePath: string, localPath: string, options: FetchOptions): Promise<Fetched> {
  let remote: RemoteFile;
  try {
    remote = await files.open(remotePath);
  } catch (e) {
    throw new FetchStageError('open', e);
  }
  const part = `${localPath}.part`;
  let local: FileHandle | null = null;
  try {
    const size = await remote.info().then(
      (info) => info.size,
      (e: unknown) => Promise.reject(new FetchStageError('read', e)),
    );
    await mkdir(dirname(localPath), { recursive: true });
    const hash = createHash('sha256');
    let start = await stat(part).then(
      (s) => s.size,
      () => 0,
    );
    if (start > size) start = 0; // the file got shorter since: the old bytes are not a prefix of it
    if (start > 0) await hashPrefix(part, start, hash);
    local = await open(part, start > 0 ? 'r+' : 'w');
    options.progress(start);
    await pipeline(remote, local, hash, start, size, options);
    await local.close();
    local = null;
    const written = (await stat(part)).size;
    if (written !== size) throw new Error(`${part} holds ${written} bytes, not the ${size} expected`);
    await rename(part, localPath);
    return { size, sha256: hash.digest('hex'), resumedFrom: start };
  } finally {
    await local?.close().catch(() => undefined);
    await remote.close().catch(() => undefined);
  }
}

function hashPrefix(path: string, length: number, hash: Hash): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
}

/**
 * Keeps `depth` reads in flight; puts answers back in order (a short answer gets a follow-up read for
 * the rest); hashes and appends them one after another. Resolves when `size` bytes are on disk; on any
 * failure (or abort) it stops asking, lets the write under way finish, and rejects: the .part then
 * holds exactly the bytes before the first missing one.
 */
function pipeline(remote: RemoteFile, local: FileHandle, hash: Hash, start: number, size: number, o: FetchOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = start; // next offset to ask for
    let written = start; // bytes on disk
    let queued = start; // bytes hashed and handed to the writer
    let inFlight = 0;
    /** Chunks in the write under way (0 when none). */
    let writing = 0;
    let failure: unknown = null;
    /** Answers by offset: the bytes, and the whole buffer they were read into (it goes back to the pool once written). */
    const arrived = new Map<number, { bytes: Buffer; buffer: Buffer }>();
    const waiting: Array<{ bytes: Buffer; buffer: Buffer }> = [];
    // Read buffers are reused once written: fresh 255 KiB buffers for every read keep the garbage collector busy.
    const pool: Buffer[] = [];

    const onAbort = () => fail(o.signal.reason ?? new Error('cancelled'));
    const done = (e?: unknown) => {
      o.signal.removeEventListener('abort', onAbort);
      if (e === undefined) resolve();
      else reject(e);
    };
    const fail = (e: unknown) => {
      if (failure !== null) return;
      failure = e;
      if (writing === 0) done(e);
    };
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener('abort', onAbort, { once: true });

    const ask = (position: number, length: number) => {
      inFlight++;
      const buffer = pool.pop() ?? Buffer.allocUnsafe(o.chunkSize);
      remote.read(buffer, length, position).then(
        (bytes) => {
          inFlight--;
          if (failure !== null) return;
          if (bytes === 0) return fail(new FileShrank(`the file ended at ${position} bytes; it had ${size} when it was opened`));
          if (bytes < length) ask(position + bytes, length - bytes);
          arrived.set(position, { bytes: buffer.subarray(0, bytes), buffer });
          drain();
        },
        (e: unknown) => {
          inFlight--;
          fail(new FetchStageError('read', e));
        },
      );
    };

    const fill = () => {
      // At most `depth` reads in flight, and twice that in buffers altogether: a slow disk slows the asking.
      while (failure === null && next < size && inFlight < o.depth && inFlight + arrived.size + waiting.length + writing < 2 * o.depth) {
        const length = Math.min(o.chunkSize, size - next);
        ask(next, length);
        next += length;
      }
    };

    const drain = () => {
      for (let chunk = arrived.get(queued); chunk; chunk = arrived.get(queued)) {
        arrived.delete(queued);
        hash.update(chunk.bytes);
        waiting.push(chunk);
        queued += chunk.bytes.length;
      }
      write();
      fill();
    };

    // One write at a time, of everything in order so far: the .part never has a gap, and under load many
    // chunks go in one system call instead of one round trip to the thread pool each.
    const write = () => {
      if (writing > 0) return;
      if (failure !== null) return done(failure);
      if (written === size) return done();
      const batch = waiting.splice(0);
      if (batch.length === 0) return;
      writing = batch.length;
      const length = batch.reduce((n, c) => n + c.bytes.length, 0);
      local.writev(batch.map((c) => c.bytes), written).then(
        ({ bytesWritten }) => {
          writing = 0;
          // A short write (a full disk) leaves the .part at what is really there, and fails the copy.
          written += bytesWritten;
          if (bytesWritten < length) return fail(new Error(`only ${bytesWritten} of ${length} bytes could be written to the copy`));
          for (const c of batch) pool.push(c.buffer);
          o.progress(written);
          write();
          fill();
        },
        (e: unknown) => {
          writing = 0;
          if (failure === null) fail(e);
          else done(failure);
        },
      );
    };

    fill();
    write();
  });
}
