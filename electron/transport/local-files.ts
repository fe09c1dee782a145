import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { RemoteFileError, type RemoteFile, type RemoteFileInfo, type RemoteFiles } from './remote-files';

/** This computer's own files, for the local link: the same calls as an SFTP session, on the disk. */
export function localFiles(): RemoteFiles {
  let closed = false;
  const guard = () => {
    if (closed) throw new RemoteFileError('lost', 'the file session was closed');
  };
  return {
    async open(path): Promise<RemoteFile> {
      guard();
      const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
        throw fileError(e, path);
      });
      return {
        info: async () => toInfo(await handle.stat()),
        read: async (into, length, position) => (await handle.read(into, 0, length, position)).bytesRead,
        close: () => handle.close(),
      };
    },
    async info(path) {
      guard();
      return toInfo(await stat(path).catch((e: NodeJS.ErrnoException) => Promise.reject(fileError(e, path))));
    },
    async list(path) {
      guard();
      const names = await readdir(path).catch((e: NodeJS.ErrnoException) => Promise.reject(fileError(e, path)));
      const entries: Array<{ name: string; info: RemoteFileInfo }> = [];
      for (const name of names) {
        // A file that went away between readdir and stat is simply no longer listed.
        const s = await stat(join(path, name)).catch(() => null);
        if (s) entries.push({ name, info: toInfo(s) });
      }
      return entries;
    },
    close() {
      closed = true;
    },
  };
}

function toInfo(s: Stats): RemoteFileInfo {
  return { size: s.size, modified: s.mtime, kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other' };
}

function fileError(e: NodeJS.ErrnoException, path: string): RemoteFileError {
  if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return new RemoteFileError('missing', `${path}: no such file`);
  if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EBUSY') return new RemoteFileError('denied', `${path}: ${e.message}`);
  return new RemoteFileError('failed', `${path}: ${e.message}`);
}
