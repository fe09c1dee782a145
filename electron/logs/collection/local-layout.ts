import { isWindowsPath } from '../../transport/sftp-paths';

/**
 * Where a machine's file goes inside its folder of the run: snapshots and event log exports by their
 * name in the staging folder (`snapshots/ipconfig-all.txt`, `eventlogs/System.evtx`), every other file
 * under `files/` by its full path (`files/C/Windows/INF/setupapi.dev.log`). Each name is made safe on
 * the operator's disk, Windows included, and two files never share a name.
 */
export class LocalLayout {
  private readonly taken = new Set<string>();

  constructor(private readonly staging: string | null) {}

  /** Marks a path as used (files listed before, on a resumed run). */
  reserve(localPath: string): void {
    this.taken.add(localPath.toLowerCase());
  }

  place(remotePath: string): string {
    const parts = this.relative(remotePath).map(safeName);
    let candidate = parts.join('/');
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const last = parts[parts.length - 1]!;
      const dot = last.lastIndexOf('.');
      const numbered = dot > 0 ? `${last.slice(0, dot)}~${n}${last.slice(dot)}` : `${last}~${n}`;
      candidate = [...parts.slice(0, -1), numbered].join('/');
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }

  private relative(remotePath: string): string[] {
    const windows = isWindowsPath(remotePath);
    const sep = windows ? /\\+/ : /\/+/;
    if (this.staging) {
      const prefix = windows ? `${this.staging.replace(/\\+$/, '')}\\`.toLowerCase() : `${this.staging.replace(/\/+$/, '')}/`;
      const compared = windows ? remotePath.toLowerCase() : remotePath;
      if (compared.startsWith(prefix)) return remotePath.slice(prefix.length).split(sep).filter(Boolean);
    }
    if (windows) return ['files', remotePath[0]!.toUpperCase(), ...remotePath.slice(2).split(sep).filter(Boolean)];
    return ['files', ...remotePath.split(sep).filter(Boolean)];
  }
}

const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;

/** A file or folder name that every operating system accepts and that cannot climb out of its folder. */
export function safeName(name: string): string {
  let safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_');
  if (safe === '' || safe === '.' || safe === '..') safe = `_${safe}`;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (/[. ]$/.test(safe)) safe = `${safe}_`;
  return safe;
}
