import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withFileLock } from '../file-lock';
import { RefusedFileError, readRegularFile } from '../regular-file';

/** A host key as an operator compares it: `SHA256:<base64>` exactly as `ssh-keygen -l` prints it. */
export interface HostKeyIdentity {
  fingerprint: string;
  keyType: string;
}

export function identifyHostKey(blob: Buffer): HostKeyIdentity {
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  let keyType = 'unknown';
  if (blob.length >= 4) {
    const len = blob.readUInt32BE(0);
    if (len > 0 && len < 64 && blob.length >= 4 + len) keyType = blob.subarray(4, 4 + len).toString('ascii');
  }
  return { fingerprint, keyType };
}

export interface PinnedKey extends HostKeyIdentity {
  pinnedAt: string;
}

/** Where pinned host keys are kept: `[host]:port` like OpenSSH's known_hosts. */
export interface HostKeyStore {
  get(host: string, port: number): Promise<PinnedKey | undefined>;
  pin(host: string, port: number, key: HostKeyIdentity): Promise<PinnedKey>;
}

function hostId(host: string, port: number): string {
  return `[${host.toLowerCase()}]:${port}`;
}

/** Pins kept only in memory: the practice lab's, whose keys are made fresh at every start. */
export class MemoryHostKeyStore implements HostKeyStore {
  private readonly keys = new Map<string, PinnedKey>();
  async get(host: string, port: number) {
    return this.keys.get(hostId(host, port));
  }
  async pin(host: string, port: number, key: HostKeyIdentity) {
    const pinned = { ...key, pinnedAt: new Date().toISOString() };
    this.keys.set(hostId(host, port), pinned);
    return pinned;
  }
}

/** The store cannot vouch for any host: it is damaged, and guessing which pins it meant would trust an attacker's key. */
export class HostKeyStoreError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`the pinned host keys in ${path} ${reason}: no connection is made until it is fixed or removed (removing it trusts every machine anew on first use)`);
    this.name = 'HostKeyStoreError';
  }
}

/** A known_hosts of a thousand machines is about 150 KB. */
const STORE_MAX_BYTES = 4 * 1024 * 1024;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * Pins kept in a JSON file in the app's data folder, written whole to a temporary file and renamed over
 * the old one, so a crash leaves either the old pins or the new, never half a file. Every process on
 * the data folder (the app, a web host, a CLI) shares the file: a pin is merged into what is on disk
 * under a lock, and a change on disk is read again, so no process erases another's pin. A damaged file
 * fails closed: every lookup throws HostKeyStoreError instead of treating hosts as never seen.
 */
export class FileHostKeyStore implements HostKeyStore {
  private cache: { map: Map<string, PinnedKey>; stamp: string } | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** The pins on disk now, read again only when the file changed since the last read. */
  private async load(): Promise<Map<string, PinnedKey>> {
    const facts = await stat(this.path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw new HostKeyStoreError(this.path, `cannot be read (${e.code ?? e.message})`);
    });
    const stamp = facts ? `${facts.mtimeMs}:${facts.size}:${facts.ino}` : 'none';
    if (this.cache?.stamp === stamp) return this.cache.map;
    const map = facts ? await this.read() : new Map<string, PinnedKey>();
    this.cache = { map, stamp };
    return map;
  }

  private async read(): Promise<Map<string, PinnedKey>> {
    let text: string;
    try {
      text = (await readRegularFile(this.path, STORE_MAX_BYTES)).toString('utf8');
    } catch (e) {
      const why = e instanceof RefusedFileError ? e.reason : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
      throw new HostKeyStoreError(this.path, `cannot be read (${why})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HostKeyStoreError(this.path, 'are not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HostKeyStoreError(this.path, 'are not a JSON object of pins');
    const map = new Map<string, PinnedKey>();
    for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
      const v = value as Partial<PinnedKey> | null;
      if (typeof v !== 'object' || v === null || typeof v.fingerprint !== 'string' || !FINGERPRINT.test(v.fingerprint) || typeof v.keyType !== 'string') {
        throw new HostKeyStoreError(this.path, `hold a damaged entry for ${id} (a pin needs a SHA256: fingerprint and a key type)`);
      }
      map.set(id, { fingerprint: v.fingerprint, keyType: v.keyType, pinnedAt: typeof v.pinnedAt === 'string' ? v.pinnedAt : '' });
    }
    return map;
  }

  async get(host: string, port: number) {
    return (await this.load()).get(hostId(host, port));
  }

  async pin(host: string, port: number, key: HostKeyIdentity) {
    const pinned = { ...key, pinnedAt: new Date().toISOString() };
    const write = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await withFileLock(`${this.path}.lock`, async () => {
        // Merge into what is on disk now: another process may have pinned other hosts since this one read.
        this.cache = null;
        const map = new Map(await this.load());
        map.set(hostId(host, port), pinned);
        const tmp = `${this.path}.${process.pid}.tmp`;
        await writeFile(tmp, `${JSON.stringify(Object.fromEntries(map), null, 2)}\n`, { mode: 0o600 });
        await rename(tmp, this.path);
        this.cache = null;
      });
    });
    this.writing = write.catch(() => undefined);
    await write;
    return pinned;
  }
}
