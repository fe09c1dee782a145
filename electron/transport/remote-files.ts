/**
 * Reading a machine's files: an SFTP session over its SSH connection, or this computer's own disk for
 * the local link. Paths are the machine's own (`C:\Windows\INF\setupapi.dev.log`, or `/var/log/x` on a
 * POSIX server); the SFTP session converts them on the wire.
 */

export interface RemoteFileInfo {
  size: number;
  modified: Date;
  kind: 'file' | 'directory' | 'other';
}

/**
 * Why a file call failed: the file is not there (`missing`), the machine refused to open it
 * (`denied`: in use by another process or not readable by this account; Windows OpenSSH reports a
 * sharing violation this way), the machine answered with another error (`failed`), or the session
 * itself ended or stopped answering (`lost`), which says nothing about the file.
 */
export type RemoteFileProblem = 'missing' | 'denied' | 'failed' | 'lost';

export class RemoteFileError extends Error {
  constructor(
    readonly problem: RemoteFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteFileError';
  }
}

export interface RemoteFile {
  info(): Promise<RemoteFileInfo>;
  /** Reads up to `length` bytes at `position` into the start of `into`; 0 means end of file. */
  read(into: Buffer, length: number, position: number): Promise<number>;
  close(): Promise<void>;
}

export interface RemoteFiles {
  open(path: string): Promise<RemoteFile>;
  info(path: string): Promise<RemoteFileInfo>;
  list(path: string): Promise<Array<{ name: string; info: RemoteFileInfo }>>;
  /** Ends the session; calls still waiting fail as `lost`. */
  close(): void;
}
