import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { MachineRole } from '../../../shared/lab';
import type { ManifestFile, ManifestItem, ManifestMachine } from '../../../shared/collection/manifest';
import { planFor } from '../../../shared/collection/plan';
import type { MachineCollectionPhase } from '../../../shared/collection/progress';
import { isOperationFailure } from '../../../shared/errors';
import type { OperationDefinition } from '../../../shared/operations/define';
import { logsHashFiles, logsPrepare, logsRemoveStaging } from '../../../shared/operations/logs';
import { RemoteFileError, type RemoteFiles } from '../../transport/remote-files';
import { joinMachinePath } from '../../transport/sftp-paths';
import { FetchStageError, FileShrank, fetchFile, type FetchTuning } from './fetch-file';
import { LocalLayout } from './local-layout';

/** A machine to collect from: a lab Machine, or a plain SFTP server without PowerShell. */
export interface CollectionTarget {
  name: string;
  role: MachineRole;
  /** Opens a file session on the machine's current connection. */
  files(): Promise<RemoteFiles>;
  /** Runs an operation. Absent where the machine has no PowerShell: then only the operator's paths are collected, over SFTP. */
  run?(op: OperationDefinition, params: unknown, timeoutMs?: number): Promise<unknown>;
  /** Resolves true once the machine is connected (again). Absent where nothing reconnects it. */
  whenConnected?(withinMs: number): Promise<boolean>;
}

export interface CollectorTuning extends FetchTuning {
  /** Files copied at once from one machine: small files cost round trips more than bytes. */
  parallelFiles: number;
  /** How long to wait for a machine to be connected (again) before its part of the run is left interrupted. */
  reconnectWaitMs: number;
  /** Most files listed per machine. */
  maxFiles: number;
}

export const defaultTuning: CollectorTuning = {
  chunkSize: 255 * 1024 - 2048,
  depth: 16,
  parallelFiles: 4,
  reconnectWaitMs: 120_000,
  maxFiles: 20_000,
};

export interface MachineCollectorContext {
  run: string;
  /** The machine's folder in the run folder. */
  folder: string;
  extraPaths: readonly string[];
  tuning: CollectorTuning;
  signal: AbortSignal;
  /** Something the manifest or the progress shows changed; `now` when it must reach the disk before going on. */
  changed(now?: boolean): Promise<void> | void;
  /** A machine's phase changed: pushed at once, since a short phase (a reconnect) could fall between two progress events. */
  phaseChanged(): void;
  /** Bytes fetched over the wire (not the ones a resume found already copied). */
  fetched(bytes: number): void;
}

type Prepared = z.output<typeof logsPrepare.result>;
type Hashed = z.output<typeof logsHashFiles.result>;

/** Giving up on a connection that keeps failing without copying anything. */
const LOSSES_WITHOUT_PROGRESS = 3;
/** After a lost connection, a pause before asking whether the machine is connected: 250 ms, then 1 s. */
const RECONNECT_GRACE_MS = 250;
/** One hash request covers at most this many files and bytes, so it answers well within its time limit. */
const HASH_BATCH_FILES = 200;
const HASH_BATCH_BYTES = 2 * 1024 ** 3;
/** Windows hashes at a few hundred MB/s from disk; this leaves ample room. */
const HASH_BYTES_PER_SECOND = 20 * 1024 ** 2;

const unfinished = (f: ManifestFile) => f.status === 'pending' || f.status === 'partial';
/** How a pending file's reason starts when the machine could not open it as it listed it. */
const NOT_READABLE = 'not readable when listed: ';

class Lost extends Error {}

/**
 * One machine's part of a collection run: prepare and list (once per run), copy every listed file
 * (surviving dropped connections by waiting for the machine to come back and resuming each file where
 * it stopped), compare the copies with the machine's own SHA-256, and remove the staging folder. Its
 * entry in the manifest is updated as it goes.
 */
export class MachineCollector {
  phase: MachineCollectionPhase = 'waiting';
  detail: string | null = null;
  /** Files being copied now. */
  readonly current = new Set<ManifestFile>();
  /** Whole-file copies made again after a mismatch or a shrink: one more try each, then failed. */
  private readonly retried = new Set<ManifestFile>();
  private readonly hashTried = new Set<ManifestFile>();

  constructor(
    private readonly target: CollectionTarget,
    readonly entry: ManifestMachine,
    private readonly ctx: MachineCollectorContext,
  ) {}

  async collect(): Promise<void> {
    try {
      await this.work();
    } catch (e) {
      if (this.ctx.signal.aborted) return this.end('interrupted', (this.ctx.signal.reason as Error).message);
      if (e instanceof Lost) return this.end('interrupted', `${e.message}; resume the run when ${this.target.name} is back`);
      return this.end('failed', e instanceof Error ? e.message : String(e));
    }
  }

  private async work(): Promise<void> {
    this.entry.reason = null;
    await this.reachable('waiting', `waiting for ${this.target.name} to be connected`);
    if (!this.entry.listed) await this.list();
    do await this.copyAll();
    while (await this.verify());
    await this.removeStaging();
    this.end('finished', null);
  }

  private async reachable(phase: 'waiting' | 'reconnecting', detail: string): Promise<void> {
    if (!this.target.whenConnected) return;
    this.setPhase(phase, detail);
    const wait = this.ctx.tuning.reconnectWaitMs;
    if (!(await this.abortable(this.target.whenConnected(wait)))) {
      throw new Lost(`${this.target.name} was not connected within ${Math.round(wait / 1000)} s`);
    }
  }

  private async list(): Promise<void> {
    this.setPhase('preparing', null);
    if (this.target.run) {
      const params = prepareParams(this.entry.role, this.ctx.run, this.ctx.extraPaths, this.ctx.tuning.maxFiles);
      const prepared = (await this.abortable(this.operation(logsPrepare, params))) as Prepared;
      const staged = new LocalLayout(prepared.staging);
      this.entry.staging = prepared.staging;
      this.entry.items = prepared.items;
      this.entry.files = prepared.files.map((f) => ({
        ...newFile(f.path, staged.place(f.path), f.source, f.size, f.modified),
        reason: f.readable ? null : `${NOT_READABLE}${f.problem ?? 'no reason given'}`,
      }));
    } else {
      const files = await this.openFiles();
      try {
        const { listed, items } = await listOverSftp(files, this.ctx.extraPaths, this.ctx.tuning.maxFiles);
        const layout = new LocalLayout(null);
        this.entry.items = items;
        this.entry.files = listed.map((f) => newFile(f.path, layout.place(f.path), 'extra', f.size, f.modified));
      } finally {
        files.close();
      }
    }
    this.entry.listed = true;
    await this.ctx.changed(true);
  }

  /** Copies every pending file; after a dropped connection, waits for the machine and goes on where it stopped. */
  private async copyAll(): Promise<void> {
    let losses = 0;
    for (;;) {
      const todo = this.entry.files.filter(unfinished);
      if (todo.length === 0) return;
      this.setPhase('copying', null);
      const copiedBefore = this.copiedBytes();
      let reason: string;
      try {
        const files = await this.openFiles();
        try {
          await this.copyEach(files, todo);
          continue;
        } finally {
          files.close();
        }
      } catch (e) {
        if (this.ctx.signal.aborted || !(e instanceof Lost)) throw e;
        reason = e.message;
      }
      losses = this.copiedBytes() > copiedBefore ? 1 : losses + 1;
      if (!this.target.whenConnected || losses >= LOSSES_WITHOUT_PROGRESS) throw new Lost(`the connection was lost (${reason})`);
      const detail = `connection lost (${reason}); waiting for ${this.target.name}`;
      this.setPhase('reconnecting', detail);
      // The machine may not have noticed the drop yet: give it a moment (longer after each fruitless try).
      await this.abortable(new Promise((resolve) => setTimeout(resolve, RECONNECT_GRACE_MS * 4 ** (losses - 1))));
      await this.reachable('reconnecting', detail);
    }
  }

  private async copyEach(files: RemoteFiles, todo: ManifestFile[]): Promise<void> {
    let next = 0;
    let lost: Lost | null = null;
    const worker = async () => {
      while (lost === null && !this.ctx.signal.aborted && next < todo.length) {
        const file = todo[next++]!;
        try {
          await this.copyOne(files, file);
        } catch (e) {
          if (e instanceof Lost) lost ??= e;
          else throw e;
        }
      }
    };
    // Every copy settles before this returns, even when one fails: a copy still renaming its .part into
    // place after the run was saved as cancelled would leave a file the manifest calls partial.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(this.ctx.tuning.parallelFiles, todo.length) }, worker));
    if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (lost) throw lost;
  }

  private async copyOne(files: RemoteFiles, file: ManifestFile): Promise<void> {
    const local = this.localPath(file);
    this.current.add(file);
    let last = -1;
    try {
      const fetched = await fetchFile(files, file.remotePath, local, {
        chunkSize: this.ctx.tuning.chunkSize,
        depth: this.ctx.tuning.depth,
        signal: this.ctx.signal,
        progress: (copied) => {
          if (last >= 0) this.ctx.fetched(copied - last);
          last = copied;
          file.copied = copied;
          if (copied > 0) file.status = 'partial';
          void this.ctx.changed();
        },
      });
      Object.assign(file, { status: 'complete', size: fetched.size, copied: fetched.size, sha256: fetched.sha256, verified: false, reason: null });
    } catch (e) {
      if (this.ctx.signal.aborted) throw e;
      const cause = e instanceof FetchStageError ? e.cause : e;
      if (cause instanceof RemoteFileError && cause.problem === 'lost') throw new Lost(cause.message);
      if (e instanceof FetchStageError && e.stage === 'open' && cause instanceof RemoteFileError) {
        await rm(`${local}.part`, { force: true });
        if (cause.problem === 'missing') {
          Object.assign(file, { status: 'vanished', copied: 0, reason: 'it was listed, but was gone from the machine when it was fetched' });
        } else {
          const why = file.reason?.startsWith(NOT_READABLE) ? file.reason.slice(NOT_READABLE.length) : cause.message;
          Object.assign(file, { status: 'locked', copied: 0, reason: `the machine would not open it: ${why}` });
        }
      } else if (cause instanceof FileShrank && !this.retried.has(file)) {
        this.retried.add(file);
        await rm(`${local}.part`, { force: true });
        file.copied = 0;
        return this.copyOne(files, file);
      } else {
        const what = cause instanceof FileShrank ? 'it changed on the machine while it was copied' : cause instanceof RemoteFileError ? `reading it failed: ${cause.message}` : `the copy could not be written: ${(cause as Error).message}`;
        Object.assign(file, { status: 'failed', reason: what });
      }
    } finally {
      this.current.delete(file);
      void this.ctx.changed();
    }
  }

  /**
   * Asks the machine to hash what was copied and compares. A copy that differs is made again, once;
   * returns true when some are waiting to be copied again.
   */
  private async verify(): Promise<boolean> {
    if (!this.target.run) return false;
    const todo = this.entry.files.filter((f) => f.status === 'complete' && !f.verified && !this.hashTried.has(f));
    if (todo.length === 0) return false;
    this.setPhase('verifying', null);
    let again = false;
    for (const batch of batches(todo)) {
      for (const f of batch) this.hashTried.add(f);
      const bytes = batch.reduce((n, f) => n + f.size, 0);
      let hashed: Hashed;
      try {
        const params = { files: batch.map((f) => ({ path: f.remotePath, length: f.size })) };
        hashed = (await this.abortable(this.operation(logsHashFiles, params, 60_000 + (bytes / HASH_BYTES_PER_SECOND) * 1000))) as Hashed;
      } catch (e) {
        if (this.ctx.signal.aborted) throw e;
        this.entry.reason = `the copies could not be compared on the machine: ${(e as Error).message}`;
        return again;
      }
      for (const [i, f] of batch.entries()) {
        const answer = hashed.files[i];
        if (!answer?.sha256) {
          f.reason = `not compared on the machine: ${answer?.problem ?? 'no answer'}`;
        } else if (answer.sha256 === f.sha256) {
          f.verified = true;
        } else if (!this.retried.has(f)) {
          this.retried.add(f);
          this.hashTried.delete(f);
          await rm(this.localPath(f), { force: true });
          Object.assign(f, { status: 'pending', copied: 0, sha256: null });
          again = true;
        } else {
          // A copy that does not match what the machine holds is not kept as if it were one.
          await rm(this.localPath(f), { force: true });
          Object.assign(f, { status: 'failed', copied: 0, sha256: null, reason: 'its SHA-256 on the machine differs from the copy, twice: it changes while it is copied' });
        }
      }
      await this.ctx.changed(true);
    }
    return again;
  }

  private async removeStaging(): Promise<void> {
    if (!this.target.run || !this.entry.staging) return;
    try {
      await this.abortable(this.operation(logsRemoveStaging, { run: this.ctx.run }));
      this.entry.staging = null;
    } catch (e) {
      if (this.ctx.signal.aborted) throw e;
      this.entry.reason = `the staging folder ${this.entry.staging} could not be removed: ${(e as Error).message}`;
    }
  }

  private end(state: 'finished' | 'interrupted' | 'failed', reason: string | null): void {
    this.entry.state = state;
    if (reason !== null) this.entry.reason = reason;
    this.setPhase(state, this.entry.reason);
    void this.ctx.changed(true);
  }

  private setPhase(phase: MachineCollectionPhase, detail: string | null): void {
    const changed = phase !== this.phase;
    this.phase = phase;
    this.detail = detail;
    void this.ctx.changed();
    if (changed) this.ctx.phaseChanged();
  }

  private localPath(file: ManifestFile): string {
    return join(this.ctx.folder, ...file.localPath.split('/'));
  }

  private copiedBytes(): number {
    return this.entry.files.reduce((n, f) => n + f.copied, 0);
  }

  /**
   * A file session; a machine that is not connected (or does not answer) is a lost connection, not a
   * failure. Opening is bounded by the session's own time limit; a session that opens after a cancel is closed.
   */
  private async openFiles(): Promise<RemoteFiles> {
    let files: RemoteFiles;
    try {
      files = await this.target.files();
    } catch (e) {
      throw new Lost((e as Error).message);
    }
    if (this.ctx.signal.aborted) {
      files.close();
      throw this.ctx.signal.reason;
    }
    return files;
  }

  /** An operation on the machine; a connection lost under it is Lost, anything else fails the machine. */
  private async operation(op: OperationDefinition, params: unknown, timeoutMs?: number): Promise<unknown> {
    try {
      return await this.target.run!(op, params, timeoutMs);
    } catch (e) {
      if (isOperationFailure(e) && ['connection-lost', 'host-rebooted', 'not-connected'].includes(e.info.kind)) throw new Lost(e.message);
      throw new Error(`${op.name}: ${(e as Error).message}`);
    }
  }

  /** Stops waiting when the run is cancelled (what the machine was asked to do still finishes there). */
  private abortable<T>(p: Promise<T>): Promise<T> {
    const signal = this.ctx.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}

/** What logs.prepare is asked on a machine of this role: its plan, and the operator's paths. */
export function prepareParams(role: MachineRole, run: string, extraPaths: readonly string[], maxFiles: number): z.input<typeof logsPrepare.params> {
  const plan = planFor(role);
  return {
    run,
    snapshots: plan.flatMap((i) => (i.kind === 'snapshot' ? [i.snapshot] : [])),
    eventLogs: plan.flatMap((i) => (i.kind === 'eventLog' ? i.channels : [])),
    paths: [
      ...plan.flatMap((i) => (i.kind === 'files' ? i.paths.map((pattern) => ({ source: i.id, pattern })) : [])),
      ...extraPaths.map((pattern) => ({ source: 'extra', pattern })),
    ],
    maxFiles,
  };
}

function newFile(remotePath: string, localPath: string, source: string, size: number, modified: string | null): ManifestFile {
  return { remotePath, localPath, source, status: 'pending', size, copied: 0, modified, sha256: null, verified: false, reason: null };
}

function* batches(files: ManifestFile[]): Generator<ManifestFile[]> {
  let batch: ManifestFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (batch.length > 0 && (batch.length >= HASH_BATCH_FILES || bytes + f.size > HASH_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(f);
    bytes += f.size;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Lists the operator's paths over SFTP, for a server without PowerShell: a file is itself, a folder is
 * every file under it. Wildcards and environment variables need the machine's PowerShell.
 */
async function listOverSftp(
  files: RemoteFiles,
  paths: readonly string[],
  maxFiles: number,
): Promise<{ listed: Array<{ path: string; size: number; modified: string }>; items: ManifestItem[] }> {
  const listed: Array<{ path: string; size: number; modified: string }> = [];
  const items: ManifestItem[] = [];
  for (const path of paths) {
    const before = listed.length;
    let problem: string | null = null;
    const walk = async (at: string): Promise<void> => {
      for (const entry of await files.list(at)) {
        const child = joinMachinePath(at, entry.name);
        if (entry.info.kind === 'directory') await walk(child);
        else if (entry.info.kind === 'file') {
          if (listed.length >= maxFiles) throw new RangeError(`more than ${maxFiles} files; the rest were left out`);
          listed.push({ path: child, size: entry.info.size, modified: entry.info.modified.toISOString() });
        }
      }
    };
    try {
      if (/[*?%]/.test(path)) throw new Error('wildcards and %variables% need PowerShell on the machine; give a file or a folder');
      const info = await files.info(path);
      if (info.kind === 'directory') await walk(path);
      else listed.push({ path, size: info.size, modified: info.modified.toISOString() });
    } catch (e) {
      if (e instanceof RemoteFileError && e.problem === 'lost') throw new Lost(e.message);
      problem = e instanceof RemoteFileError && e.problem === 'missing' ? 'no such file or folder on the machine' : (e as Error).message;
    }
    items.push({ source: 'extra', what: path, files: listed.length - before, problem });
  }
  return { listed, items };
}
