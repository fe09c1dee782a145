import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiEventMessage } from '../../shared/api';
import type { LabEvent } from '../../shared/lab';
import { operations } from '../../shared/operations';
import { readJournal } from '../../electron/journal/journal';
import { labIdFor } from '../../electron/service/lab-state';
import { killAfterAcks } from '../support/kill-after-acks';
import { serviceLab, until, type ServiceLab } from './service-lab';

/**
 * The run journal as the lab service keeps it: every event the UI is pushed is already on disk, every
 * operation run is there with its parameters and the SHA-256 of its script, queries filter by machine,
 * kind and time, a password never reaches it, and a service killed with SIGKILL while it records loses no
 * entry it had pushed.
 */

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('the journal of a lab', () => {
  let s: ServiceLab;
  const onDisk: Array<{ seq: number; found: boolean }> = [];

  beforeAll(async () => {
    // The support machine asks for its password, as a lab file with password authentication does.
    s = await serviceLab({ scenario: 'ready', passwordAuth: ['support'] });
    await s.call('machines.connect', { machine: 'support', password: s.lab.host('support').password });
    // Checked as each event arrives: the line must already be in the file.
    s.service.subscribe((m: ApiEventMessage) => {
      if (m.name !== 'event' || (m.payload as LabEvent).seq === undefined) return;
      const seq = (m.payload as LabEvent).seq!;
      const text = readFileSync(join(s.dataDir, 'journal', `${labIdFor('file', 'Setup test lab', s.labPath)}.jsonl`), 'utf8');
      onDisk.push({ seq, found: text.includes(`{"seq":${seq},`) });
    });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('every event the UI is pushed is on disk already, with its number in the journal', () => {
    expect(onDisk.length).toBeGreaterThan(3);
    expect(onDisk.filter((e) => !e.found)).toEqual([]);
    const events = s.pushed('event').filter((e) => e.seq !== undefined);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['lab', 'connected']));
  });

  test('an operation run is journaled with its parameters, the SHA-256 of its script and its outcome; a failure too', async () => {
    await s.call('operations.run', { machine: 'client1', operation: 'services.restart', params: { name: 'OpenVPNService', waitSeconds: 5 } });
    await s.call('operations.run', { machine: 'client2', operation: 'services.restart', params: { name: 'NoSuchService' } });
    const restart = operations.find((o) => o.name === 'services.restart')!;
    const done = await until(() => s.pushed('journal').find((e) => e.machine === 'client1' && (e.data as { operation?: string })?.operation === 'services.restart'), 'the run');
    expect(done).toMatchObject({
      kind: 'operation',
      text: 'Restart a service: done',
      data: { operation: 'services.restart', params: { name: 'OpenVPNService', waitSeconds: 5 }, scriptSha256: sha256(restart.script), ok: true, result: { name: 'OpenVPNService', status: 'Running' } },
    });
    const failed = await until(() => s.pushed('journal').find((e) => e.machine === 'client2' && (e.data as { operation?: string })?.operation === 'services.restart'), 'the failure');
    expect(failed).toMatchObject({ kind: 'operation', data: { ok: false, error: { kind: 'script-error', message: 'There is no service named NoSuchService on this machine.' } } });
    // Reads are journaled as reads, and never pushed as events.
    expect(s.pushed('journal').some((e) => e.kind === 'read' && (e.data as { operation?: string })?.operation === 'system.facts')).toBe(true);
    expect(s.pushed('event').some((e) => (e.kind as string) === 'read')).toBe(false);
  });

  test('a long parameter is cut short in the journal; a large result is kept by its size', async () => {
    const der = readFileSync(join(s.dir, 'lab', 'practice-test-certificate.cer')).toString('base64');
    await s.call('operations.run', { machine: 'client2', operation: 'signing.importCertificate', params: { certificate: der } });
    const entry = await until(() => s.pushed('journal').find((e) => (e.data as { operation?: string })?.operation === 'signing.importCertificate'), 'the run');
    expect((entry.data as { params: { certificate: string } }).params.certificate).toBe(`${der.slice(0, 200)}... (${der.length} characters)`);
    await s.call('hlk.tests', {});
    const tests = await until(() => s.pushed('journal').find((e) => (e.data as { operation?: string })?.operation === 'hlk.tests'), 'the run');
    expect((tests.data as { result: unknown }).result).toEqual({ omitted: expect.stringMatching(/^\d+ characters of JSON$/) });
  });

  test('queries filter by machine, kind and time, and keep the last ones', async () => {
    const all = await s.call('journal.query', { limit: 10_000 });
    expect(all.entries.length).toBe(all.matched);
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((a, b) => a - b));
    const client1 = await s.call('journal.query', { machine: 'client1', limit: 10_000 });
    expect(client1.entries.length).toBeGreaterThan(0);
    expect(client1.entries.every((e) => e.machine === 'client1')).toBe(true);
    const kinds = await s.call('journal.query', { kinds: ['connected', 'check'], limit: 10_000 });
    expect(new Set(kinds.entries.map((e) => e.kind))).toEqual(new Set(['connected', 'check']));
    // The pass goes on being watched meanwhile: entries written after the query are not its business.
    const last3 = await s.call('journal.query', { limit: 3 });
    const upToThen = (await s.call('journal.query', { limit: 10_000 })).entries.filter((e) => e.seq <= last3.entries[2]!.seq);
    expect(last3.entries.map((e) => e.seq)).toEqual(upToThen.slice(-3).map((e) => e.seq));
    expect(last3.matched).toBe(upToThen.length);
    const middle = all.entries[Math.floor(all.entries.length / 2)]!;
    const since = await s.call('journal.query', { since: middle.at, limit: 10_000 });
    expect(since.entries.every((e) => Date.parse(e.at) >= Date.parse(middle.at))).toBe(true);
    expect(since.entries.length).toBeLessThan(all.entries.length);
  });

  test('no operation takes a secret as a parameter, and a password typed to connect never reaches the journal', async () => {
    // The journal keeps every operation's parameters as they were sent: none of them may be a secret.
    const secretish = /pass(word|phrase)?|secret|token|credential|private/i;
    const keys = (schema: unknown): string[] => {
      if (typeof schema !== 'object' || schema === null) return [];
      const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
      return [...Object.keys(props), ...Object.values(schema as Record<string, unknown>).flatMap(keys)];
    };
    const schemaKeys = (op: (typeof operations)[number]) => keys(z.toJSONSchema(op.params, { io: 'input', unrepresentable: 'any' }));
    expect(schemaKeys(operations.find((o) => o.name === 'readiness.machine')!)).toEqual(expect.arrayContaining(['certificate', 'thumbprint']));
    for (const op of operations) expect(schemaKeys(op).filter((k) => secretish.test(k)), op.name).toEqual([]);
    const password = s.lab.host('support').password;
    expect(s.pushed('machine').find((v) => v.name === 'support' && v.state === 'connected')).toMatchObject({ auth: 'password' });
    const text = await readFile(join(s.dataDir, 'journal', `${labIdFor('file', 'Setup test lab', s.labPath)}.jsonl`), 'utf8');
    expect(text).not.toContain(password);
  });
});

/** PowerShell scripts are imported with ?raw, as the app's build does it. */
const rawText: Plugin = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw-text' }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

describe('a lab service killed while it records', () => {
  let dir: string;
  let writer: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-service-kill-'));
    writer = join(dir, 'service-writer.cjs');
    await build({ entryPoints: [join(__dirname, 'service-writer.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', plugins: [rawText], outfile: writer, logLevel: 'silent' });
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  function runThenKill(acks: number): Promise<number[]> {
    return killAfterAcks(writer, [dir, 'Killed lab'], acks, {
      timeoutMs: 40_000,
      what: 'the service process',
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    });
  }

  test('no entry it pushed is lost; the next service on the same lab carries on numbering and reads it whole', async () => {
    const acked = await runThenKill(400);
    const path = join(dir, 'data', 'journal', `${labIdFor('file', 'Killed lab', join(dir, 'lab.json'))}.jsonl`);
    const read = await readJournal(path);
    const seqs = new Set(read.entries.map((e) => e.seq));
    expect(acked.filter((seq) => !seqs.has(seq))).toEqual([]);
    expect(read.skipped.every((x) => x.reason.startsWith('torn'))).toBe(true);
    // Entries of every kind the service records were being written: operations, reads, tapdiag.
    expect(read.entries.some((e) => e.kind === 'tapdiag')).toBe(true);
    expect(read.entries.some((e) => e.kind === 'read')).toBe(true);

    const again = await serviceLab({ dir, labName: 'Killed lab', scenario: 'ready' });
    try {
      await again.settled();
      const all = await again.call('journal.query', { limit: 10_000 });
      expect(all.unreadable).toBe(0);
      const numbers = all.entries.map((e) => e.seq);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(acked.filter((seq) => !numbers.includes(seq))).toEqual([]);
      const fresh = all.entries.filter((e) => e.text === 'opened lab file ' + again.labPath);
      expect(fresh.at(-1)!.seq).toBeGreaterThan(Math.max(...acked));
    } finally {
      await again.close();
    }
  }, 90_000);
});

describe('the journal across a reboot', () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'ready' });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('checks that could not run while the machine was away, and read as before once it is back, journal nothing', async () => {
    const query = async (since: string) => (await s.call('journal.query', { machine: 'client1', kinds: ['check'], since, limit: 10_000 })).entries;
    const verdicts = () => {
      const latest = s.pushed('readiness').filter((r) => r.machine === 'client1').at(-1)!;
      return new Map(latest.checks.map((c) => [c.check, c.status]));
    };
    const before = verdicts();
    const rebootAt = new Date().toISOString();
    s.lab.reboot('client1');
    await until(() => s.pushed('event').some((e) => e.kind === 'rebooted' && e.machine === 'client1'), 'client1 rebooted');
    await until(() => {
      const latest = s.pushed('readiness').filter((r) => r.machine === 'client1').at(-1);
      return latest !== undefined && !latest.running && latest.checks.every((c) => c.status !== 'unknown');
    }, 'client1 checked again');
    const changed = [...verdicts()].filter(([check, status]) => before.get(check) !== status).map(([check]) => check);
    // The journal is written in batches: what the checks after the reboot recorded is on disk a moment later.
    await new Promise((r) => setTimeout(r, 500));
    const after = await query(rebootAt);
    // Only a check whose verdict really changed is journaled; nothing passes through "unknown" on the way.
    expect(after.filter((e) => /unknown/.test(e.text))).toEqual([]);
    expect(after.map((e) => (e.data as { check?: string }).check).sort()).toEqual([...changed].sort());
  }, 60_000);
});
