import { utils, type Attributes, type SFTPWrapper } from 'ssh2';
import { fromSftpPath } from '../transport/sftp-paths';
import type { SimulatedFile, SimulatedFileSystem } from './simulated-files';

const { STATUS_CODE, OPEN_MODE } = utils.sftp;

/** OpenSSH's sftp-server answers a READ with at most this many bytes (SFTP_MAX_READ_LENGTH). */
const MAX_READ = 256 * 1024 - 1024;

type Handle =
  | { kind: 'file'; file: SimulatedFile; bytes: Buffer; readToEnd: boolean }
  | { kind: 'folder'; entries: Array<{ name: string; attrs: Attributes }>; listed: boolean };

/**
 * Windows OpenSSH's SFTP subsystem over a simulated machine's files, read-only: paths like
 * `/C:/Windows/INF/setupapi.dev.log`, the drives at `/`, the home folder for `.`. A file held open by
 * another process is refused with "Permission denied" (how Windows OpenSSH reports a sharing
 * violation); a read answers at most 255 KiB, as OpenSSH's sftp-server does.
 */
export function serveSftp(sftp: SFTPWrapper, files: SimulatedFileSystem, user: string, dropConnections: () => void): void {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  const open = (reqId: number, h: Handle) => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    sftp.handle(reqId, buf);
  };
  const handleOf = (buf: Buffer) => (buf.length === 4 ? handles.get(buf.readUInt32BE(0)) : undefined);
  const windowsPath = (path: string) => fromSftpPath(normalize(path, user));
  const attrsOf = (path: string): Attributes | null => {
    const file = files.get(path);
    if (file) return fileAttrs(file.content().length, file.modified);
    return files.isFolder(path) ? folderAttrs() : null;
  };

  sftp.on('REALPATH', (reqId, path) => {
    const name = normalize(path, user);
    sftp.name(reqId, [{ filename: name, longname: name, attrs: {} as Attributes }]);
  });

  const stat = (reqId: number, path: string) => {
    const name = normalize(path, user);
    const attrs = name === '/' ? folderAttrs() : attrsOf(fromSftpPath(name));
    if (attrs) sftp.attrs(reqId, attrs);
    else sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
  };
  sftp.on('STAT', stat);
  sftp.on('LSTAT', stat);

  sftp.on('OPEN', (reqId, filename, flags) => {
    if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) {
      return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    }
    const path = windowsPath(filename);
    const file = files.get(path);
    if (!file) {
      return files.isFolder(path) ? sftp.status(reqId, STATUS_CODE.FAILURE, 'Failure') : sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    }
    if (file.lockedBy) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    // The open handle keeps the bytes it was opened on, as an open Windows file keeps its data.
    open(reqId, { kind: 'file', file, bytes: file.content(), readToEnd: false });
  });

  sftp.on('FSTAT', (reqId, handle) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Failure');
    sftp.attrs(reqId, fileAttrs(h.bytes.length, h.file.modified));
  });

  sftp.on('READ', (reqId, handle, offset, length) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Failure');
    if (offset >= h.bytes.length) return sftp.status(reqId, STATUS_CODE.EOF, 'EOF');
    const chunk = h.bytes.subarray(offset, offset + Math.min(length, MAX_READ));
    if (files.noteServed(h.file.path, chunk.length)) {
      dropConnections();
      return;
    }
    if (offset + chunk.length === h.bytes.length) h.readToEnd = true;
    sftp.data(reqId, chunk);
  });

  sftp.on('CLOSE', (reqId, handle) => {
    const h = handleOf(handle);
    if (h?.kind === 'file' && h.readToEnd && h.file.rewritesAfterCopy > 0 && files.get(h.file.path) === h.file) files.rewrite(h.file);
    const ok = handle.length === 4 && handles.delete(handle.readUInt32BE(0));
    sftp.status(reqId, ok ? STATUS_CODE.OK : STATUS_CODE.FAILURE, ok ? 'Success' : 'Failure');
  });

  sftp.on('OPENDIR', (reqId, path) => {
    const name = normalize(path, user);
    if (name === '/') {
      return open(reqId, { kind: 'folder', listed: false, entries: files.drives().map((d) => ({ name: d, attrs: folderAttrs() })) });
    }
    const entries = files.list(fromSftpPath(name));
    if (!entries) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    open(reqId, {
      kind: 'folder',
      listed: false,
      entries: entries.map((e) => ({ name: e.name, attrs: e.file ? fileAttrs(e.file.content().length, e.file.modified) : folderAttrs() })),
    });
  });

  sftp.on('READDIR', (reqId, handle) => {
    const h = handleOf(handle);
    if (h?.kind !== 'folder') return sftp.status(reqId, STATUS_CODE.FAILURE, 'Failure');
    if (h.listed) return sftp.status(reqId, STATUS_CODE.EOF, 'EOF');
    h.listed = true;
    sftp.name(
      reqId,
      h.entries.map((e) => ({ filename: e.name, longname: longname(e.name, e.attrs, user), attrs: e.attrs })),
    );
  });
}

/** An absolute SFTP path without `.` and `..`; relative paths start in the user's home folder, as on Windows. */
function normalize(path: string, user: string): string {
  const start = path.startsWith('/') ? path : `/C:/Users/${user}/${path}`;
  const parts: string[] = [];
  for (const part of start.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function fileAttrs(size: number, modified: Date): Attributes {
  const t = Math.floor(modified.getTime() / 1000);
  return { mode: 0o100644, uid: 0, gid: 0, size, atime: t, mtime: t };
}

function folderAttrs(): Attributes {
  const t = Math.floor(Date.now() / 1000);
  return { mode: 0o040755, uid: 0, gid: 0, size: 0, atime: t, mtime: t };
}

function longname(name: string, attrs: Attributes, user: string): string {
  const kind = attrs.mode & 0o040000 ? 'd' : '-';
  const date = new Date(attrs.mtime * 1000).toUTCString().slice(5, 22);
  return `${kind}rw-r--r--   1 ${user} Administrators ${String(attrs.size).padStart(10)} ${date} ${name}`;
}
