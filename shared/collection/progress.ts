import type { MachineRole } from '../lab';
import type { RunState } from './manifest';

/**
 * What the UI shows of a collection while it runs and after: pushed as the `collection` event (at most
 * every 100 ms per run, and at once when the run ends) and returned by the logs.* requests.
 */

export interface FileCounts {
  total: number;
  complete: number;
  /** Not copied yet, or copied in part (`<name>.part`). */
  pending: number;
  vanished: number;
  locked: number;
  failed: number;
}

/** A file being copied now: one progress bar. */
export interface FileProgress {
  remotePath: string;
  localPath: string;
  size: number;
  copied: number;
}

export type MachineCollectionPhase =
  | 'waiting' // for the machine to be connected
  | 'preparing' // snapshots, event log exports and the file list, on the machine
  | 'copying'
  | 'reconnecting' // the connection dropped; copying resumes when it is back
  | 'verifying' // the machine hashes what was copied
  | 'finished' // every file has a final status
  | 'interrupted' // files remain pending: the machine stayed away, or the run was cancelled
  | 'failed'; // the machine could not be prepared

export interface MachineCollectionView {
  name: string;
  role: MachineRole;
  phase: MachineCollectionPhase;
  detail: string | null;
  files: FileCounts;
  bytes: { total: number; copied: number };
  current: FileProgress[];
  /** What was asked for and not found on the machine: an extra path with no file, an event log it lacks. */
  notFound: Array<{ what: string; problem: string }>;
}

export interface CollectionView {
  run: string;
  /** The run folder on this computer. */
  folder: string;
  lab: string;
  state: RunState;
  startedAt: string;
  updatedAt: string;
  files: FileCounts;
  /**
   * `copied`: bytes in local copies; `transferred`: bytes fetched by this app since it took the run up
   * (a resumed run does not fetch again what it already had, so it can be less than `copied`).
   */
  bytes: { total: number; copied: number; transferred: number };
  zip: { path: string; size: number; sha256: string } | null;
  problem: string | null;
  machines: MachineCollectionView[];
}
