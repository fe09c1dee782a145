import type { HlkKit } from '../readiness/settings';

/**
 * Which of Microsoft's Hardware Compatibility Playlists fits the pass. The playlists come as one zip of
 * files named like "HLK Version 1809 CompatPlaylist x64 Server.xml": the kit's version, the architectures
 * it covers, and "Server" for the playlist of Windows Server (the wiki's example for tap-windows6). The
 * right one matches the kit, covers the clients' architecture, and is the Server one exactly when the
 * clients run Windows Server.
 */

export type PlaylistArchitecture = 'x86' | 'x64' | 'ARM64';

export interface PlaylistFile {
  name: string;
  path: string;
}

export interface PlaylistCandidate extends PlaylistFile {
  /** The kit version in the name ("1809"), or null for a name that is not a compatibility playlist's. */
  version: string | null;
  architectures: PlaylistArchitecture[];
  server: boolean;
  /** Why it fits, or what it lacks. */
  verdict: string;
  fits: boolean;
}

export interface PlaylistChoice {
  chosen: PlaylistFile | null;
  /** The reason, in the operator's words: what was chosen and why, or why nothing fits. */
  reason: string;
  candidates: PlaylistCandidate[];
}

/** The version words a kit's playlists carry in their names. */
const kitVersions: Record<HlkKit, readonly string[]> = {
  '1607': ['1607'],
  '1703': ['1703'],
  '1709': ['1709'],
  '1803': ['1803'],
  '1809': ['1809'],
  '1903': ['1903'],
  '2004': ['2004'],
  server2022: ['2022', 'Server2022'],
  '21H2': ['21H2'],
  '22H2': ['22H2'],
  '24H2': ['24H2'],
};

const NAME = /^HLK Version (\S+) CompatPlaylist (.+)\.xml$/i;

/** The playlist's kit version, architectures and edition as its file name says them. */
export function parsePlaylistName(name: string): { version: string; architectures: PlaylistArchitecture[]; server: boolean } | null {
  const m = NAME.exec(name.trim());
  if (!m) return null;
  const words = m[2]!.split(/[\s_]+/).map((w) => w.toLowerCase());
  const architectures: PlaylistArchitecture[] = [];
  for (const w of words) {
    if (w === 'x86') architectures.push('x86');
    else if (w === 'x64' || w === 'amd64') architectures.push('x64');
    else if (w === 'arm64') architectures.push('ARM64');
  }
  return { version: m[1]!, architectures, server: words.includes('server') };
}

/** The architecture word of HLK's CpuArchitecture (X86, X64, Arm64), as playlists name it. */
export function playlistArchitecture(cpu: string): PlaylistArchitecture | null {
  switch (cpu.toLowerCase()) {
    case 'x86':
      return 'x86';
    case 'x64':
    case 'amd64':
      return 'x64';
    case 'arm64':
      return 'ARM64';
    default:
      return null;
  }
}

export function choosePlaylist(files: readonly PlaylistFile[], kit: HlkKit, architecture: PlaylistArchitecture, server: boolean): PlaylistChoice {
  const versions = kitVersions[kit].map((v) => v.toLowerCase());
  const edition = server ? 'Windows Server' : 'Windows client';
  const candidates: PlaylistCandidate[] = files.map((f) => {
    const parsed = parsePlaylistName(f.name);
    if (!parsed) return { ...f, version: null, architectures: [], server: false, fits: false, verdict: 'not a compatibility playlist name' };
    const problems: string[] = [];
    if (!versions.includes(parsed.version.toLowerCase())) problems.push(`for HLK ${parsed.version}, not ${kit}`);
    if (!parsed.architectures.includes(architecture)) problems.push(`does not cover ${architecture}`);
    if (parsed.server !== server) problems.push(parsed.server ? 'the Server playlist, and the clients run a Windows client edition' : 'not the Server playlist, and the clients run Windows Server');
    return {
      ...f,
      ...parsed,
      fits: problems.length === 0,
      verdict: problems.length === 0 ? `HLK ${parsed.version}, ${architecture}, ${edition}` : problems.join('; '),
    };
  });
  const fitting = candidates.filter((c) => c.fits);
  if (fitting.length === 0) {
    const want = `HLK ${kit}, ${architecture}, ${edition}`;
    if (files.length === 0) return { chosen: null, candidates, reason: `no playlist files in the folder; unzip Microsoft's Hardware Compatibility Playlists there (the one for ${want} is needed)` };
    return { chosen: null, candidates, reason: `none of the ${files.length} playlist files is for ${want}` };
  }
  // Of several that fit, the one covering the fewest other architectures is the most specific.
  const best = [...fitting].sort((a, b) => a.architectures.length - b.architectures.length || a.name.localeCompare(b.name))[0]!;
  return { chosen: { name: best.name, path: best.path }, candidates, reason: `${best.name}: ${best.verdict}` };
}
