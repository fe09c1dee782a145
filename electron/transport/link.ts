import type { HostKeyMismatch } from '../../shared/lab';
import type { RemoteFiles } from './remote-files';
import type { LoopChannel } from './request-loop';

/**
 * How a machine is reached: over SSH, or this computer itself. A link comes up (or fails to), can
 * open PowerShell channels and file sessions while it is up, and may drop.
 */
export interface Link {
  openChannel(timeoutMs: number): Promise<LoopChannel>;
  /** A session for reading the machine's files: SFTP over SSH, the disk itself for this computer. */
  openFiles(timeoutMs: number): Promise<RemoteFiles>;
  end(): void;
}

export type LinkFailure =
  | { kind: 'auth-failed'; message: string }
  | { kind: 'host-key-changed'; message: string; mismatch: HostKeyMismatch }
  | { kind: 'unreachable'; message: string };

export interface LinkEvents {
  ready(): void;
  /** It was up and went away. */
  dropped(): void;
  /** It could not come up. */
  failed(failure: LinkFailure): void;
}
