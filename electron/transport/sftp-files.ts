import { utils, type Client, type SFTPWrapper, type Stats } from 'ssh2';
import { RemoteFileError, type RemoteFile, type RemoteFileInfo, type RemoteFiles } from './remote-files';
import { PathNotReachable, toSftpPath } from './sftp-paths';

const { STATUS_CODE } = utils.sftp;

/**
 * Opens an SFTP session on an SSH connection (Windows OpenSSH has the subsystem), giving up after
 * timeoutMs. The same limit then bounds every wait: while requests are outstanding, the session must
 * answer one of them at least every timeoutMs or it is ended and they fail as `lost`.
 */
export function openSftpFiles(client: Client, timeoutMs: number): Promise<RemoteFiles> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new RemoteFileError('lost', `the machine did not open an SFTP session within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    client.sftp((err, sftp) => {
      clearTimeout(timer);
      if (settled) {
        sftp?.end();
        return;
      }
      settled = true;
      if (err) reject(new RemoteFileError('lost', `the machine refused an SFTP session: ${err.message}`));
      else resolve(new SftpFiles(sftp, timeoutMs));
    });
  });
}

type Done<T> = (err: Error | undefined | null, value?: T) => void;

class SftpFiles implements RemoteFiles {
  private readonly waiting = new Set<(e: RemoteFileError) => void>();
  private lastAnswer = Date.now();
  private ended: RemoteFileError | null = null;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly sftp: SFTPWrapper,
    stallMs: number,
  ) {
    const gone = () => this.end(new RemoteFileError('lost', 'the SFTP session ended'));
    sftp.on('close', gone);
    sftp.on('end', gone);
    sftp.on('error', gone);
    this.watchdog = setInterval(() => {
      if (this.waiting.size > 0 && Date.now() - this.lastAnswer > stallMs) {
        this.end(new RemoteFileError('lost', `the machine did not answer SFTP requests for ${stallMs / 1000} s`));
        sftp.end();
      }
    }, Math.min(1000, Math.max(50, stallMs / 4)));
    this.watchdog.unref();
  }

  async open(path: string): Promise<RemoteFile> {
    const name = sftpName(path);
    const handle = await this.call<Buffer>(name, (done) => this.sftp.open(name, 'r', done));
    return {
      info: () => this.call<Stats>(name, (done) => this.sftp.fstat(handle, done)).then(toInfo),
      read: (into, length, position) =>
        this.call<number>(name, (done) => this.sftp.read(handle, into, 0, length, position, (err, bytes) => done(err, bytes))),
      close: () => this.call<void>(name, (done) => this.sftp.close(handle, done)),
    };
  }

  info(path: string): Promise<RemoteFileInfo> {
    const name = sftpName(path);
    return this.call<Stats>(name, (done) => this.sftp.stat(name, done)).then(toInfo);
  }

  async list(path: string): Promise<Array<{ name: string; info: RemoteFileInfo }>> {
    const name = sftpName(path);
    const entries = await this.call<Array<{ filename: string; attrs: Stats }>>(name, (done) => this.sftp.readdir(name, done));
    return entries.filter((e) => e.filename !== '.' && e.filename !== '..').map((e) => ({ name: e.filename, info: toInfo(e.attrs) }));
  }

  close(): void {
    this.end(new RemoteFileError('lost', 'the SFTP session was closed'));
    this.sftp.end();
  }

  private end(reason: RemoteFileError): void {
    if (this.ended) return;
    this.ended = reason;
    clearInterval(this.watchdog);
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const fail of waiting) fail(reason);
  }

  private call<T>(path: string, start: (done: Done<T>) => void): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise<T>((resolve, reject) => {
      // A request sent while nothing was outstanding starts the stall clock afresh.
      if (this.waiting.size === 0) this.lastAnswer = Date.now();
      this.waiting.add(reject);
      start((err, value) => {
        if (!this.waiting.delete(reject)) return; // already failed: the session ended
        this.lastAnswer = Date.now();
        if (err) reject(fileError(err, path));
        else resolve(value as T);
      });
    });
  }
}

function sftpName(path: string): string {
  try {
    return toSftpPath(path);
  } catch (e) {
    if (e instanceof PathNotReachable) throw new RemoteFileError('failed', e.message);
    throw e;
  }
}

function toInfo(stats: Stats): RemoteFileInfo {
  return {
    size: stats.size,
    modified: new Date(stats.mtime * 1000),
    kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
  };
}

/** ssh2 gives SFTP status codes as `code`; an error without one means the session itself went away. */
function fileError(err: Error, path: string): RemoteFileError {
  const code = (err as Error & { code?: unknown }).code;
  if (code === STATUS_CODE.NO_SUCH_FILE) return new RemoteFileError('missing', `${path}: no such file`);
  if (code === STATUS_CODE.PERMISSION_DENIED) return new RemoteFileError('denied', `${path}: ${err.message}`);
  if (typeof code === 'number') return new RemoteFileError('failed', `${path}: ${err.message}`);
  return new RemoteFileError('lost', `${path}: ${err.message}`);
}
