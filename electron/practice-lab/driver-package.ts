import { createHash } from 'node:crypto';
import { roundTripTime, SimulatedScriptError, type Behaviours } from './behaviour';
import type { SimulatedHost } from './simulated-host';

/**
 * Driver packages on a simulated machine: the folder kept for the submission on the controller, and the
 * copy Windows put in a client's driver store. Each file has its bytes (text here), its embedded
 * signature if any, and the catalog records a hash per member as it was when the catalog was made, so a
 * file rebuilt after signing shows. The model of signing.driverReport and signing.attestationCab, and of
 * what Test-FileCatalog, Get-AuthenticodeSignature and makecab answer about them.
 */

export interface SimulatedSigner {
  subject: string;
  issuer: string;
  thumbprint: string;
  notAfter: string;
}

export interface SimulatedPackageFile {
  /** Relative to the folder: OemVista.inf, amd64\tap0901.sys. */
  name: string;
  text: string;
  /** Its Authenticode signature (binaries and the catalog); null when unsigned. */
  signer: SimulatedSigner | null;
  /** The file changed after it was signed: its signature no longer matches its bytes. */
  changedAfterSigning?: boolean;
  /** A catalog's members: the relative name and the hash it records for each. */
  members?: Array<{ name: string; hash: string }>;
}

export interface SimulatedDriverFolder {
  path: string;
  files: SimulatedPackageFile[];
}

/** A file a script wrote (the .ddf, the .cab) or a folder it made. */
export interface SimulatedMadeFile {
  path: string;
  kind: 'file' | 'dir';
  text: string;
  bytes: number;
}

/** The hash the catalog API computes for a file, as Test-FileCatalog prints it (upper-case hex). */
export function fileHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase();
}

export const fileBytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A catalog made now over the given files: it records their hashes as they are. */
export function catalogOver(name: string, files: SimulatedPackageFile[], signer: SimulatedSigner): SimulatedPackageFile {
  const members = files.map((f) => ({ name: f.name, hash: fileHash(f.text) }));
  return { name, text: `catalog ${name}: ${members.map((m) => `${m.name}=${m.hash}`).join(';')}`, signer, members };
}

/** Microsoft's production signer of WHQL and attestation signed drivers, trusted on every Windows. */
export const microsoftSigner: SimulatedSigner = {
  subject: 'CN=Microsoft Windows Hardware Compatibility Publisher, O=Microsoft Corporation, L=Redmond, S=Washington, C=US',
  issuer: 'CN=Microsoft Windows Third Party Component CA 2014, O=Microsoft Corporation, L=Redmond, S=Washington, C=US',
  thumbprint: '84ECBE6B0C1B8B1E3F51D0D1B7E4C37B2E1FA6C4',
  notAfter: '2027-06-01T18:00:00.000Z',
};

/** A chain Windows trusts: Microsoft's own, or a certificate in the machine's Root store (a test certificate). */
function trusted(host: SimulatedHost, signer: SimulatedSigner): boolean {
  if (signer.issuer.startsWith('CN=Microsoft ')) return true;
  return host.certificates.some((c) => c.store === 'Root' && c.thumbprint.toUpperCase() === signer.thumbprint.toUpperCase());
}

/** Get-AuthenticodeSignature's Status and StatusMessage (the Win32 trust error's text) for a file. */
export function signatureOf(host: SimulatedHost, folder: string, file: SimulatedPackageFile) {
  const path = `${folder}\\${file.name}`;
  const signer = file.signer ? { subject: file.signer.subject, issuer: file.signer.issuer, thumbprint: file.signer.thumbprint, notAfter: roundTripTime(new Date(file.signer.notAfter)) } : null;
  if (!file.signer) return { status: 'NotSigned', message: `The file ${path} is not digitally signed.`, signer: null };
  if (file.changedAfterSigning) {
    return { status: 'HashMismatch', message: `The contents of file ${path} might have been changed by an unauthorized user or process, because the hash of the file does not match the hash stored in the digital signature.`, signer };
  }
  if (!trusted(host, file.signer)) {
    return { status: 'UnknownError', message: 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.', signer };
  }
  return { status: 'Valid', message: 'Signature verified.', signer };
}

const lower = (s: string) => s.toLowerCase();
const trimSlash = (s: string) => s.replace(/\\+$/, '');

export function findDriverFolder(host: SimulatedHost, path: string): SimulatedDriverFolder | undefined {
  return host.driverFolders.find((f) => lower(f.path) === lower(trimSlash(path)));
}

/** A folder on the machine: a driver folder, one of the folders above it, or a folder a script made. */
function folderExists(host: SimulatedHost, path: string): boolean {
  const p = lower(trimSlash(path));
  const at = (q: string) => lower(q) === p || lower(q).startsWith(`${p}\\`);
  return host.driverFolders.some((f) => at(f.path)) || host.madeFiles.some((m) => at(m.path) && (m.kind === 'dir' || lower(m.path) !== p));
}

/** The driver folder at the path; a folder without an INF of its own (one above a package) is refused as the script refuses it. */
function folderOrThrow(host: SimulatedHost, path: string, line: number, noInfLine: number): SimulatedDriverFolder {
  if (!folderExists(host, path)) throw new SimulatedScriptError(`There is no folder ${trimSlash(path)} on this machine.`, line);
  const folder = findDriverFolder(host, path);
  if (!folder) throw new SimulatedScriptError(`${trimSlash(path)} has no .inf file: choose the driver package's folder, the one that holds its INF.`, noInfLine);
  return folder;
}

function topInf(folder: SimulatedDriverFolder, line: number): SimulatedPackageFile {
  const inf = sorted(folder.files).find((f) => !f.name.includes('\\') && lower(f.name).endsWith('.inf'));
  if (!inf) throw new SimulatedScriptError(`${folder.path} has no .inf file: choose the driver package's folder, the one that holds its INF.`, line);
  return inf;
}

/** Get-ChildItem's order: the folder's files and folders by name, each subfolder's files after it. */
function sorted(files: SimulatedPackageFile[]): SimulatedPackageFile[] {
  const top = (f: SimulatedPackageFile) => (f.name.includes('\\') ? f.name.slice(0, f.name.indexOf('\\')) : f.name);
  return [...files].sort((a, b) => (top(a).toLowerCase() < top(b).toLowerCase() ? -1 : top(a).toLowerCase() > top(b).toLowerCase() ? 1 : a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
}

/** [Version]'s DriverVer and CatalogFile entries, comments and other sections ignored. */
export function readInfVersion(text: string): { driverVer: string | null; catalogFiles: Array<{ key: string; file: string }> } {
  let section = '';
  let driverVer: string | null = null;
  const catalogFiles: Array<{ key: string; file: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/;.*$/, '').trim();
    const header = /^\[\s*(.+?)\s*\]$/.exec(t);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section.toLowerCase() !== 'version') continue;
    const ver = /^DriverVer\s*=\s*(.+)$/i.exec(t);
    const cat = /^(CatalogFile(\.[A-Za-z0-9_]+)?)\s*=\s*(.+)$/i.exec(t);
    if (ver) driverVer = ver[1]!.trim();
    else if (cat) catalogFiles.push({ key: cat[1]!, file: cat[3]!.trim().replace(/^"|"$/g, '') });
  }
  return { driverVer, catalogFiles };
}

const isSigned = (name: string) => /\.(sys|dll|exe|cat)$/i.test(name);

/** Where Windows keeps installed driver packages, one folder per package: <inf>_<architecture>_<hash>. */
export const DRIVER_STORE_REPOSITORY = 'C:\\Windows\\System32\\DriverStore\\FileRepository';

/** The driver store's copy of an installed INF, found as the script finds it. */
function storedFolder(host: SimulatedHost, inf: string): string {
  const prefix = `${lower(DRIVER_STORE_REPOSITORY)}\\${lower(inf)}_`;
  const stored = host.driverFolders.filter((f) => lower(f.path).startsWith(prefix) && !f.path.slice(prefix.length).includes('\\'));
  if (stored.length === 0) throw new SimulatedScriptError(`The driver store has no copy of ${inf}: the driver is not installed on this machine.`, 14);
  if (stored.length > 1) {
    const names = stored.map((f) => f.path.replace(/^.*\\/, '')).sort((a, b) => (lower(a) < lower(b) ? -1 : 1));
    throw new SimulatedScriptError(`The driver store has ${stored.length} copies of ${inf} (${names.join(', ')}): remove the stale ones so the clients run one known package.`, 15);
  }
  return stored[0]!.path;
}

function driverReport(host: SimulatedHost, p: Record<string, unknown>) {
  const path = typeof p.storedInf === 'string' ? storedFolder(host, p.storedInf) : String(p.folder);
  const folder = folderOrThrow(host, path, 18, 30);
  const inf = topInf(folder, 30);
  const version = readInfVersion(inf.text);
  const byName = (name: string) => folder.files.find((f) => lower(f.name) === lower(name));
  const catalogFile = version.catalogFiles.map((c) => byName(c.file)).find((f) => f !== undefined) ?? sorted(folder.files).find((f) => lower(f.name).endsWith('.cat'));
  const members = new Map((catalogFile?.members ?? []).map((m) => [lower(m.name), m]));
  const others = folder.files.filter((f) => f !== catalogFile);
  const catalog = catalogFile
    ? {
        file: catalogFile.name,
        hashAlgorithm: 'SHA256',
        status: others.length === members.size && others.every((f) => members.get(lower(f.name))?.hash === fileHash(f.text)) ? 'Valid' : 'ValidationFailed',
        missing: [...members.values()].map((m) => m.name).filter((n) => !byName(n)).sort((a, b) => (lower(a) < lower(b) ? -1 : 1)),
      }
    : null;
  const files = [...folder.files]
    .sort((a, b) => (lower(a.name) < lower(b.name) ? -1 : 1))
    .map((f) => ({
      path: f.name,
      bytes: fileBytes(f.text),
      hash: catalogFile && f !== catalogFile ? fileHash(f.text) : null,
      catalogHash: members.get(lower(f.name))?.hash ?? null,
      signature: isSigned(f.name) ? signatureOf(host, folder.path, f) : null,
    }));
  return { folder: folder.path, inf: { file: inf.name, driverVer: version.driverVer, catalogFiles: version.catalogFiles }, catalog, files };
}

/** The stand-in's makecab stores the files as they are: a 36-byte header, and per file 16 bytes, its name and its bytes. */
export function cabinetBytes(files: Array<{ destination: string; bytes: number }>): number {
  return 36 + files.reduce((n, f) => n + 16 + fileBytes(f.destination) + 1 + f.bytes, 0);
}

function attestationCab(host: SimulatedHost, p: Record<string, unknown>) {
  const path = trimSlash(String(p.folder));
  const output = trimSlash(String(p.outputFolder));
  const cabName = String(p.cabName);
  if (!folderExists(host, path)) throw new SimulatedScriptError(`There is no folder ${path} on this machine.`, 11);
  if (lower(output).startsWith(`${lower(path)}\\`) || lower(output) === lower(path)) {
    throw new SimulatedScriptError(`The output folder ${output} is inside the driver folder: the .ddf and .cab would end up in the package. Choose a folder outside it.`, 13);
  }
  if (host.missingCommands.has('makecab.exe')) {
    throw new SimulatedScriptError(
      "The term 'makecab.exe' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
      15,
    );
  }
  const folder = folderOrThrow(host, path, 11, 24);
  const inf = topInf(folder, 24);
  const pkg = inf.name.replace(/\.[^.]*$/, '');
  const lines = [
    '.OPTION EXPLICIT', '.Set CabinetFileCountThreshold=0', '.Set FolderFileCountThreshold=0', '.Set FolderSizeThreshold=0',
    '.Set MaxCabinetSize=0', '.Set MaxDiskFileCount=0', '.Set MaxDiskSize=0', '.Set CompressionType=MSZIP', '.Set Cabinet=on',
    '.Set Compress=on', '.Set InfFileName=NUL', '.Set RptFileName=NUL', `.Set CabinetNameTemplate=${cabName}`, `.Set DiskDirectoryTemplate="${output}"`,
  ];
  const files: Array<{ source: string; destination: string; bytes: number }> = [];
  const leftOut: Array<{ path: string; reason: string }> = [];
  let current: string | null = null;
  for (const f of [...folder.files].sort((a, b) => (lower(a.name) < lower(b.name) ? -1 : 1))) {
    const base = f.name.replace(/^.*\\/, '');
    if (lower(base).endsWith('.cat')) {
      leftOut.push({ path: f.name, reason: 'Microsoft signs the package with a catalog of its own' });
      continue;
    }
    if (lower(base).endsWith('.pdb') && !p.includeSymbols) {
      leftOut.push({ path: f.name, reason: 'symbols were not asked for' });
      continue;
    }
    const destination = f.name.includes('\\') ? `${pkg}\\${f.name.replace(/\\[^\\]+$/, '')}` : pkg;
    if (destination !== current) {
      lines.push(`.Set DestinationDir=${destination}`);
      current = destination;
    }
    lines.push(`"${folder.path}\\${f.name}"`);
    files.push({ source: f.name, destination: `${destination}\\${base}`, bytes: fileBytes(f.text) });
  }
  if (files.length === 0) throw new SimulatedScriptError(`${folder.path} holds nothing to sign besides its catalog.`, 46);
  const ddfPath = `${output}\\${cabName.replace(/\.[^.]*$/, '')}.ddf`;
  const ddf = `${lines.join('\r\n')}\r\n`;
  const cabPath = `${output}\\${cabName}`;
  const cabBytes = cabinetBytes(files);
  writeMade(host, { path: output, kind: 'dir', text: '', bytes: 0 });
  writeMade(host, { path: ddfPath, kind: 'file', text: ddf, bytes: fileBytes(ddf) });
  writeMade(host, { path: cabPath, kind: 'file', text: '', bytes: cabBytes });
  return { ddfPath, ddf, cabPath, cabBytes, files, leftOut };
}

function writeMade(host: SimulatedHost, made: SimulatedMadeFile): void {
  // Written again, a file moves to the end, as the stand-in keeps them.
  host.madeFiles = [...host.madeFiles.filter((m) => lower(m.path) !== lower(made.path)), made];
}

export const driverPackageBehaviours = {
  'signing.driverReport': ({ host }, p) => driverReport(host, p),
  'signing.attestationCab': ({ host }, p) => attestationCab(host, p),
} satisfies Partial<Behaviours>;
