import type { MachineRole } from '../lab';

/**
 * A collection run on the operator's machine: `runs/<run>/manifest.json` beside `runs/<run>/<machine>/...`.
 * The manifest lists every file the run meant to fetch and what became of it, so nothing partial is ever
 * taken for complete: a copy is `complete` only when all its bytes arrived and were renamed into place;
 * an unfinished one stays `<name>.part` and `partial`, and a run with such files is not `finished`.
 */

export const MANIFEST_FORMAT = 'hlk-assist-collection/1';

/**
 * - `pending`: not copied yet.
 * - `partial`: some bytes are in `<localPath>.part`; a resumed run continues from there.
 * - `complete`: every byte copied (and compared with the machine's own SHA-256 where it has PowerShell).
 * - `vanished`: listed, but gone when it was fetched.
 * - `locked`: the machine would not open it: in use by another process (a Windows sharing violation) or
 *   not readable by this account.
 * - `failed`: anything else; `reason` says what.
 */
export type FileStatus = 'pending' | 'partial' | 'complete' | 'vanished' | 'locked' | 'failed';

export interface ManifestFile {
  /** The path on the machine, in its own form (`C:\Windows\INF\setupapi.dev.log`). */
  remotePath: string;
  /** Where the copy is, relative to the run folder, with `/` separators. */
  localPath: string;
  /** Which plan item it came from (`setupapi`, `snapshot:ipconfig-all`, `eventlog:System`), or `extra`. */
  source: string;
  status: FileStatus;
  /** Bytes on the machine: as listed, then as found when it was opened for copying. */
  size: number;
  /** Bytes in the local copy: all of them for a complete file, those in `<localPath>.part` for a partial one. */
  copied: number;
  /** Last write time on the machine when it was listed. */
  modified: string | null;
  /** SHA-256 of the copy (lower-case hex), for complete files. */
  sha256: string | null;
  /** Whether the machine hashed the same bytes and got the same SHA-256 (needs PowerShell there). */
  verified: boolean;
  reason: string | null;
}

/** Something the preparation on the machine did: a pattern, an event log export, a command snapshot. */
export interface ManifestItem {
  source: string;
  what: string;
  files: number;
  problem: string | null;
}

export type MachineCollectionState = 'pending' | 'finished' | 'interrupted' | 'failed';

export interface ManifestMachine {
  name: string;
  role: MachineRole;
  state: MachineCollectionState;
  /** Why the machine's collection is not finished, or what went wrong around it. */
  reason: string | null;
  /** The folder on the machine where snapshots and event log exports were written for this run. */
  staging: string | null;
  /** Whether the files were listed: a resumed run keeps this list instead of preparing again. */
  listed: boolean;
  items: ManifestItem[];
  files: ManifestFile[];
}

/**
 * - `running`: being collected now (a manifest left `running` by an app that stopped reads as interrupted).
 * - `finished`: every file reached a final status: complete, vanished, locked or failed.
 * - `interrupted`: files are still pending or partial (a machine stayed away); it can be resumed.
 * - `cancelled`: the operator stopped it; it can be resumed.
 */
export type RunState = 'running' | 'finished' | 'interrupted' | 'cancelled';

export interface CollectionManifest {
  format: typeof MANIFEST_FORMAT;
  run: string;
  lab: string;
  createdAt: string;
  updatedAt: string;
  state: RunState;
  request: { machines: string[]; extraPaths: string[]; zip: boolean };
  /** The zip of the run folder, made when a finished run asked for one. */
  zip: { path: string; size: number; sha256: string } | null;
  /** What went wrong around the run itself (the zip, writing the manifest), in the operator's words. */
  problem: string | null;
  machines: ManifestMachine[];
}
