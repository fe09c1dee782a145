import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

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

/**
 * Pins kept in a JSON file in the app's data folder, written whole to a temporary file and renamed over
 * the old one, so a crash leaves either the old pins or the new, never half a file.
 */
export class FileHostKeyStore implements HostKeyStore {
  private cache: Map<string, PinnedKey> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  private async load(): Promise<Map<string, PinnedKey>> {
    if (this.cache) return this.cache;
    const map = new Map<string, PinnedKey>();
    let text: string | null = null;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`The pinned host keys in ${this.path} are not valid JSON; fix or remove the file.`);
      }
      for (const [id, value] of Object.entries(parsed as Record<string, PinnedKey>)) {
        if (value && typeof value.fingerprint === 'string') map.set(id, value);
      }
    }
    this.cache = map;
    return map;
  }

  async get(host: string, port: number) {
    return (await this.load()).get(hostId(host, port));
  }

  async pin(host: string, port: number, key: HostKeyIdentity) {
    const map = await this.load();
    const pinned = { ...key, pinnedAt: new Date().toISOString() };
    map.set(hostId(host, port), pinned);
    const text = `${JSON.stringify(Object.fromEntries(map), null, 2)}\n`;
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, this.path);
    });
    await this.writing;
    return pinned;
  }
}
