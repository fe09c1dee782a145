/**
 * Windows OpenSSH's SFTP server names files by drive like a POSIX path: `C:\Windows\INF\setupapi.dev.log`
 * is `/C:/Windows/INF/setupapi.dev.log` on the wire. Operators and PowerShell write the Windows form,
 * so paths are converted at the SFTP boundary and nowhere else. A POSIX path (an SFTP server that is not
 * Windows) passes through unchanged.
 */

const DRIVE_PATH = /^([A-Za-z]):(?:[\\/]|$)/;
const SFTP_DRIVE_PATH = /^\/([A-Za-z]):(?:\/|$)/;

export class PathNotReachable extends Error {}

/** The SFTP name of a path on the machine: `C:\a\b` → `/C:/a/b`; `/var/log` stays. */
export function toSftpPath(path: string): string {
  if (path.includes('\0')) throw new PathNotReachable(`${JSON.stringify(path)} holds a NUL character`);
  const drive = DRIVE_PATH.exec(path);
  if (drive) {
    const rest = path.slice(2).replace(/\\/g, '/').replace(/\/+/g, '/');
    return `/${drive[1]!.toUpperCase()}:${rest === '' ? '/' : rest}`;
  }
  if (path.startsWith('\\\\') || path.startsWith('//')) {
    throw new PathNotReachable(`${path} is a network path; SFTP reaches only the machine's own drives`);
  }
  if (path.startsWith('/')) return path;
  throw new PathNotReachable(`${path} is not a full path (start it with a drive, like C:\\, or with /)`);
}

/** The machine's own name for an SFTP path: `/C:/a/b` → `C:\a\b`; a POSIX path stays. */
export function fromSftpPath(path: string): string {
  const drive = SFTP_DRIVE_PATH.exec(path);
  if (!drive) return path;
  const rest = path.slice(3).replace(/\//g, '\\');
  return `${drive[1]!.toUpperCase()}:${rest === '' ? '\\' : rest}`;
}

/** Whether a path is written the Windows way (drive letter), so names compare without case. */
export function isWindowsPath(path: string): boolean {
  return DRIVE_PATH.test(path);
}

/** Joins a directory and a name in the directory's own style. */
export function joinMachinePath(dir: string, name: string): string {
  const sep = isWindowsPath(dir) ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}
