import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FileHostKeyStore, HostKeyStoreError } from '../../electron/lab/host-keys';
import type { SshMachine } from '../../electron/lab/lab-file';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings, startPracticeLab, watch, type Watched } from '../support/practice';

/**
 * The pinned host keys as the file on disk holds them: a damaged file fails closed, processes sharing it
 * keep each other's pins, and a key is pinned only after the login succeeded.
 */

let lab: PracticeLab;
let cleanup: () => Promise<void>;
let dir: string;
let pinner: string;
const opened: Watched[] = [];

beforeAll(async () => {
  ({ lab, cleanup } = await startPracticeLab());
  dir = await mkdtemp(join(tmpdir(), 'hlka-host-keys-'));
  pinner = join(dir, 'pinner.cjs');
  await build({
    stdin: {
      contents: `const { FileHostKeyStore } = require(${JSON.stringify(join(__dirname, '../../electron/lab/host-keys'))});
        const [path, prefix, count, startAt] = process.argv.slice(2);
        (async () => {
          // All writers start at one moment, so their pins interleave.
          await new Promise((r) => setTimeout(r, Number(startAt) - Date.now()));
          const store = new FileHostKeyStore(path);
          for (let i = 0; i < Number(count); i++) await store.pin(prefix + i, 22, { fingerprint: 'SHA256:' + 'A'.repeat(43), keyType: 'ssh-ed25519' });
        })().catch((e) => { console.error(e); process.exit(1); });`,
      resolveDir: __dirname,
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: pinner,
    logLevel: 'silent',
  });
}, 60_000);
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const w of opened.splice(0)) w.machine.disconnect();
});

function open(name: string, store: FileHostKeyStore, overrides: Partial<SshMachine> = {}): Watched {
  const m = lab.labFile().machines.find((x) => x.name === name) as SshMachine;
  const w = watch({ ...m, ...overrides }, store);
  opened.push(w);
  return w;
}

const FP = `SHA256:${'B'.repeat(43)}`;

describe('a damaged store fails closed', () => {
  test.each([
    ['an entry whose fingerprint is not a string', (id: string) => JSON.stringify({ [id]: { fingerprint: 42, keyType: 'ssh-ed25519' } }), `hold a damaged entry for`],
    ['an entry that is not a fingerprint', (id: string) => JSON.stringify({ [id]: { fingerprint: 'anything', keyType: 'ssh-ed25519' } }), `hold a damaged entry for`],
    ['a file that is not JSON', () => '{ "[127.0.0.1]:22": ', 'are not valid JSON'],
    ['a JSON array', () => '[]', 'are not a JSON object of pins'],
  ])('%s: the machine is refused with the reason, not pinned anew, not retried', async (_what, content, says) => {
    const path = join(dir, `damaged-${Math.random()}.json`);
    const id = `[127.0.0.1]:${(lab.labFile().machines.find((m) => m.name === 'client1') as SshMachine).port}`;
    await writeFile(path, content(id));
    const w = open('client1', new FileHostKeyStore(path));
    w.machine.connect();
    const refused = await w.until((v) => v.state !== 'connecting' && v.state !== 'idle', 5000);
    expect(refused.state).toBe('auth-failed');
    expect(refused.stateDetail).toContain(`cannot check the host key of 127.0.0.1: the pinned host keys in ${path} ${says}`);
    expect(refused.stateDetail).toContain('no connection is made until it is fixed or removed');
    await new Promise((r) => setTimeout(r, 500));
    expect(w.machine.view().state).toBe('auth-failed');
    expect(await readFile(path, 'utf8')).toBe(content(id));
  });

  test('a lookup in a damaged store throws instead of answering "never seen"', async () => {
    const path = join(dir, 'damaged-get.json');
    await writeFile(path, JSON.stringify({ '[a]:22': { fingerprint: null } }));
    await expect(new FileHostKeyStore(path).get('a', 22)).rejects.toBeInstanceOf(HostKeyStoreError);
    await expect(new FileHostKeyStore(path).pin('b', 22, { fingerprint: FP, keyType: 'ssh-ed25519' })).rejects.toBeInstanceOf(HostKeyStoreError);
  });
});

describe('processes sharing the store', () => {
  test('a store sees pins another store made after it read the file, and does not erase them', async () => {
    const path = join(dir, 'shared.json');
    const app = new FileHostKeyStore(path);
    const web = new FileHostKeyStore(path);
    await app.pin('controller', 22, { fingerprint: FP, keyType: 'ssh-ed25519' });
    expect(await web.get('controller', 22)).toMatchObject({ fingerprint: FP });
    await web.pin('client1', 22, { fingerprint: FP, keyType: 'ssh-ed25519' });
    await app.pin('client2', 22, { fingerprint: FP, keyType: 'ssh-ed25519' });
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')) as object).sort()).toEqual(['[client1]:22', '[client2]:22', '[controller]:22']);
  });

  test("the first pin creates the data folder, its user's alone", async () => {
    const path = join(dir, 'fresh', 'data', 'known-hosts.json');
    await new FileHostKeyStore(path).pin('a', 22, { fingerprint: FP, keyType: 'ssh-ed25519' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'fresh', 'data'))).mode & 0o777).toBe(0o700);
  });

  test('three processes pinning at once lose no pin', async () => {
    const path = join(dir, 'three.json');
    const startAt = String(Date.now() + 2000);
    const run = (prefix: string) =>
      new Promise<void>((resolve, reject) => execFile(process.execPath, [pinner, path, prefix, '40', startAt], { timeout: 60_000 }, (e) => (e ? reject(e) : resolve())));
    await Promise.all([run('app-'), run('web-'), run('cli-')]);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')) as object)).toHaveLength(120);
  }, 90_000);
});

describe('trust on first use', () => {
  test('a key is pinned only once the login succeeded', async () => {
    const path = join(dir, 'after-auth.json');
    const w = open('support', new FileHostKeyStore(path), { auth: { type: 'password' } });
    w.machine.connect('not-the-password');
    await w.until((v) => v.state === 'auth-failed', 10_000);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    w.machine.connect(lab.host('support').password);
    const view = await w.until((v) => v.state === 'connected', 10_000);
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, { fingerprint: string }>;
    expect(Object.values(saved).map((p) => p.fingerprint)).toEqual([view.hostKey!.fingerprint]);
  });
});

describe('trusting a changed key through the api', () => {
  test("a fingerprint the machine does not present is the caller's mistake (invalid-request)", async () => {
    const service = new LabService({ dataDir: join(dir, 'api-data'), host: 'web', timings: fastTimings });
    try {
      expect((await service.handle('lab.startPractice', {})).ok).toBe(true);
      const answer = await service.handle('machines.trustPresentedHostKey', { machine: 'client1', fingerprint: FP });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: `client1 does not present the key ${FP} (its key has not changed); connect again and compare the fingerprints` },
      });
    } finally {
      await service.close();
    }
  });
});
