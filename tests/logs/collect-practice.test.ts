import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiEventMessage } from '../../shared/api';
import type { CollectionManifest, ManifestFile } from '../../shared/collection/manifest';
import type { CollectionView } from '../../shared/collection/progress';
import { listFilesUnder } from '../../electron/logs/analysis/log-folder';
import { Collections } from '../../electron/logs/collection/collections';
import type { CollectorTuning } from '../../electron/logs/collection/machine-collector';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings, startPracticeLab, watch, type Watched } from '../support/practice';
import { readZip } from '../support/read-zip';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let lab: PracticeLab;
let cleanup: () => Promise<void>;
let runsDir: string;
let machines: Watched[];
let views: CollectionView[];

beforeEach(async () => {
  ({ lab, cleanup } = await startPracticeLab());
  runsDir = await mkdtemp(join(tmpdir(), 'hlka-runs-'));
  machines = lab.labFile().machines.map((m) => watch(m));
  machines.forEach((w) => w.machine.connect());
  await Promise.all(machines.map((w) => w.until((v) => v.state === 'connected')));
  views = [];
});

afterEach(async () => {
  machines.forEach((w) => w.machine.disconnect());
  await cleanup();
  await rm(runsDir, { recursive: true, force: true });
});

function collections(tuning: Partial<CollectorTuning> = {}): Collections {
  return new Collections(runsDir, (view) => views.push(view), tuning);
}

function pick(...names: string[]) {
  return machines.filter((w) => names.includes(w.machine.name)).map((w) => w.machine);
}

const local = (manifest: CollectionManifest, machine: string, file: ManifestFile) => join(runsDir, manifest.run, machine, ...file.localPath.split('/'));

/** Each complete copy is on disk whole, hashes to the manifest's SHA-256, and (where the machine still has it) to the machine's bytes. */
async function expectCopiesMatch(manifest: CollectionManifest): Promise<void> {
  for (const m of manifest.machines) {
    for (const f of m.files.filter((x) => x.status === 'complete')) {
      const copy = await readFile(local(manifest, m.name, f));
      expect(copy.length, f.remotePath).toBe(f.size);
      expect(sha256(copy), f.remotePath).toBe(f.sha256);
      const original = lab.host(m.name).files.get(f.remotePath);
      if (original) expect(sha256(original.content().subarray(0, f.size)), f.remotePath).toBe(f.sha256);
    }
  }
}

describe('collecting logs from the practice lab over SSH', () => {
  test('every machine: the plan\'s files, snapshots and event logs, each copy matching the machine\'s SHA-256; a vanished and a locked file reported', async () => {
    const c = collections();
    const run = await c.start('Practice lab', machines.map((w) => w.machine), [], false);
    const view = await run.done;
    expect(view.state).toBe('finished');
    const manifest = await c.manifest(view.run);
    await expectCopiesMatch(manifest);

    const byName = new Map(manifest.machines.map((m) => [m.name, m]));
    const paths = (name: string) => byName.get(name)!.files.map((f) => f.localPath);
    expect(paths('client1')).toEqual(
      expect.arrayContaining([
        'snapshots/ipconfig-all.txt',
        'snapshots/verifier-query.txt',
        'snapshots/pnputil-drivers.txt',
        'snapshots/net-use.txt',
        'snapshots/bcdedit-enum.txt',
        'snapshots/adapters.txt',
        'eventlogs/System.evtx',
        'eventlogs/Application.evtx',
        'eventlogs/Microsoft-Windows-Kernel-PnP%4Configuration.evtx',
        'files/C/Windows/INF/setupapi.dev.log',
        'files/C/Program Files/OpenVPN/log/hlk.log',
        'files/C/Program Files (x86)/Windows Kits/10/Hardware Lab Kit/Client/WTTLogs/WttEa.log',
        'files/C/HLK/JobsWorkingDir/Tasks/WTTJobRun76257277-2193-E911-82AA-080027895339/TaskLog.log',
        'files/C/DGLogs/DeviceGuardCheckLog.txt',
      ]),
    );
    expect(paths('controller')).toEqual(
      expect.arrayContaining(['files/C/Program Files (x86)/Windows Kits/10/Hardware Lab Kit/Controller/WTTSystemLogs/WTTSvc.log', 'eventlogs/System.evtx']),
    );
    expect(paths('controller').some((p) => p.includes('setupapi'))).toBe(false);
    expect(paths('client2')).toContain('files/C/Windows/Minidump/042824-15031-01.dmp');

    for (const m of manifest.machines) {
      expect(m.state, m.name).toBe('finished');
      expect(m.listed).toBe(true);
      // The snapshots and exports were compared on the machine before its staging folder was removed.
      expect(m.staging).toBeNull();
      expect(lab.host(m.name).files.isFolder(`C:\\Users\\Administrator\\AppData\\Local\\Temp\\hlk-assist-${manifest.run}`)).toBe(false);
      expect(m.items.find((i) => i.what === '*HLK*')?.problem).toBe('no such event log on this machine');
      for (const f of m.files.filter((x) => x.status === 'complete')) expect(f.verified, f.remotePath).toBe(true);
    }

    const client2 = byName.get('client2')!.files;
    const vanished = client2.filter((f) => f.status === 'vanished');
    const locked = client2.filter((f) => f.status === 'locked');
    expect(vanished.map((f) => f.remotePath)).toEqual(['C:\\HLK\\JobsWorkingDir\\Tasks\\WTTJobRun9B3C5D7E-2193-E911-82AA-080027895339\\TaskLog.log']);
    expect(vanished[0]!.reason).toContain('gone from the machine');
    expect(locked.map((f) => f.remotePath)).toEqual(['C:\\HLK\\JobsWorkingDir\\Tasks\\WTTJobRunC2D4E6F8-2193-E911-82AA-080027895339\\te.wtl']);
    expect(locked[0]!.reason).toContain('because it is being used by another process');
    expect(client2.filter((f) => f.status !== 'complete')).toHaveLength(2);
    expect(view.files).toEqual({ total: view.files.total, complete: view.files.total - 2, pending: 0, vanished: 1, locked: 1, failed: 0 });

    // Nothing is on disk but the manifest and the complete copies it lists.
    const folder = join(runsDir, manifest.run);
    const onDisk = (await listFilesUnder(folder)).map((f) => relative(folder, f).split(sep).join('/')).sort();
    const listed = manifest.machines.flatMap((m) => m.files.filter((f) => f.status === 'complete').map((f) => `${m.name}/${f.localPath}`));
    expect(onDisk).toEqual(['manifest.json', ...listed].sort());
    expect(view.bytes.copied).toBe(manifest.machines.flatMap((m) => m.files).reduce((n, f) => n + (f.status === 'complete' ? f.size : 0), 0));
  });

  test('a connection dropped in the middle of a file: the run waits for the machine, resumes the file where it stopped, and copies nothing twice', async () => {
    // Small reads, few in flight, one file at a time: what was in flight when the connection dropped is small and known.
    const tuning = { chunkSize: 32 * 1024, depth: 4, parallelFiles: 1 };
    const window = tuning.chunkSize * tuning.depth;
    const client1 = machines.find((w) => w.machine.name === 'client1')!;
    const files = lab.host('client1').files;
    // The snapshots and event log exports come first (about 2 MB), then setupapi.dev.log (3 MB): this lands 1 MB into it.
    files.dropAfterBytes = 3 * 1024 * 1024;
    const c = collections(tuning);
    const view = await (await c.start('Practice lab', pick('client1'), [], false)).done;
    expect(view.state).toBe('finished');
    expect(files.dropAfterBytes).toBeNull(); // the fault fired
    expect(views.some((v) => v.machines[0]!.phase === 'reconnecting')).toBe(true);
    // The machine went away and came back (a blip, not a reboot) while the run waited for it.
    const kinds = client1.events.map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('disconnected'))).toContain('connected');
    expect(kinds).not.toContain('rebooted');

    const manifest = await c.manifest(view.run);
    await expectCopiesMatch(manifest);
    const copied = manifest.machines[0]!.files;
    expect(copied.every((f) => f.status === 'complete' && f.verified)).toBe(true);
    // The drop landed inside setupapi.dev.log. Bytes the machine sent for each file: the one cut off
    // re-sends at most what was in flight (nothing, when every byte sent before the drop arrived), the
    // others exactly their size.
    const setupapi = 'C:\\Windows\\INF\\setupapi.dev.log';
    expect(files.droppedDuring).toBe(setupapi);
    for (const f of copied) {
      const extra = files.servedBytes(f.remotePath) - f.size;
      if (f.remotePath === setupapi) {
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual(window);
      } else expect(extra, f.remotePath).toBe(0);
    }
    // The app's own count agrees: it fetched the run once, plus what was in flight.
    expect(view.bytes.transferred).toBeGreaterThanOrEqual(view.bytes.total);
    expect(view.bytes.transferred).toBeLessThanOrEqual(view.bytes.total + window);
  });

  test('a copy the machine hashes differently is made once more; a file that changes again is failed and not kept', async () => {
    const files = lab.host('client1').files;
    const once = 'C:\\Windows\\INF\\setupapi.app.log';
    const always = 'C:\\Program Files\\OpenVPN\\log\\hlk.log';
    files.get(once)!.rewritesAfterCopy = 1;
    files.get(always)!.rewritesAfterCopy = 2;
    const c = collections();
    const view = await (await c.start('Practice lab', pick('client1'), [], false)).done;
    expect(view.state).toBe('finished');
    const manifest = await c.manifest(view.run);
    await expectCopiesMatch(manifest);
    const byPath = new Map(manifest.machines[0]!.files.map((f) => [f.remotePath, f]));

    const app = byPath.get(once)!;
    expect(app).toMatchObject({ status: 'complete', verified: true });
    expect(files.servedBytes(once)).toBe(2 * app.size);
    expect(app.sha256).toBe(sha256(files.get(once)!.content()));

    const vpn = byPath.get(always)!;
    expect(vpn).toMatchObject({ status: 'failed', sha256: null, copied: 0 });
    expect(vpn.reason).toContain('differs from the copy, twice');
    expect(files.servedBytes(always)).toBe(2 * vpn.size);
    await expect(stat(local(manifest, 'client1', vpn))).rejects.toThrow();
    expect(view.files.failed).toBe(1);
  });

  test('cancel leaves nothing partial looking complete; resuming the run copies only what it lacks', async () => {
    const c = collections({ chunkSize: 32 * 1024, depth: 4, parallelFiles: 2 });
    const run = await c.start('Practice lab', machines.map((w) => w.machine), [], false);
    const atCancel = await new Promise<CollectionView>((resolve) => {
      const check = setInterval(() => {
        const now = run.view();
        if (now.bytes.copied > 6 * 1024 * 1024) {
          clearInterval(check);
          c.cancel(run.run);
          resolve(now);
        }
      }, 5);
    });
    // Mid-run, the view has a progress bar per file being copied.
    const bars = atCancel.machines.flatMap((m) => m.current);
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) expect(b.copied).toBeLessThanOrEqual(b.size);
    const stopped = await run.done;
    expect(stopped.state).toBe('cancelled');
    expect(stopped.machines.every((m) => m.phase === 'interrupted' || m.phase === 'finished')).toBe(true);
    expect(stopped.machines.some((m) => m.detail === 'cancelled by the operator')).toBe(true);

    const before = await c.manifest(run.run);
    expect(before.state).toBe('cancelled');
    await expectCopiesMatch(before);
    const unfinished = before.machines.flatMap((m) => m.files.filter((f) => f.status === 'partial' || f.status === 'pending').map((f) => ({ m, f })));
    expect(unfinished.length).toBeGreaterThan(0);
    for (const { m, f } of unfinished) {
      // Not under its own name: only `.part`, holding exactly the bytes the manifest says.
      await expect(stat(local(before, m.name, f))).rejects.toThrow();
      const part = await stat(`${local(before, m.name, f)}.part`).then((s) => s.size, () => 0);
      expect(part, f.remotePath).toBe(f.copied);
      expect(f.status).toBe(f.copied > 0 ? 'partial' : 'pending');
      expect(f.sha256).toBeNull();
    }
    const servedBefore = new Map(before.machines.map((m) => [m.name, new Map(m.files.map((f) => [f.remotePath, lab.host(m.name).files.servedBytes(f.remotePath)]))]));

    const resumed = await (await c.resume(run.run, machines.map((w) => w.machine))).done;
    expect(resumed.state).toBe('finished');
    const after = await c.manifest(run.run);
    await expectCopiesMatch(after);
    for (const m of after.machines) {
      const was = before.machines.find((x) => x.name === m.name)!;
      for (const f of m.files) {
        const old = was.files.find((x) => x.remotePath === f.remotePath)!;
        const served = lab.host(m.name).files.servedBytes(f.remotePath) - servedBefore.get(m.name)!.get(f.remotePath)!;
        if (old.status === 'complete') expect(served, `${f.remotePath} was complete and is not fetched again`).toBe(0);
        if (old.status === 'partial') expect(served, `${f.remotePath} continues from its .part`).toBeLessThanOrEqual(f.size - old.copied + 32 * 1024 * 4);
      }
    }
    expect(resumed.bytes.transferred).toBeLessThan(resumed.bytes.total);
  });

  // The web host once warned "MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]":
  // every file copied at once on every machine listened on the run's one signal. Each machine now has a
  // signal of its own, so what listens on one signal is bounded by the files one machine copies at once.
  test('collecting from every machine at once adds no more abort listeners to one signal than Node allows without a warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      // Small chunks and a little latency keep four files per machine in flight at the same time.
      for (const m of lab.labFile().machines) lab.host(m.name).faults.latencyMs = 5;
      const c = new Collections(runsDir, () => undefined, { chunkSize: 16 * 1024, depth: 2, parallelFiles: 4 });
      const run = await c.start('Practice lab', machines.map((w) => w.machine), [], false);
      const view = await run.done;
      expect(view.state).toBe('finished');
      expect(view.files.complete).toBeGreaterThan(16);
      // A warning is emitted on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});

describe('collecting through the api', () => {
  let dataDir: string;
  let service: LabService;
  const events: Array<{ at: number; view: CollectionView }> = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hlka-data-'));
    service = new LabService({ dataDir, host: 'web', timings: fastTimings });
    events.length = 0;
    service.subscribe((m: ApiEventMessage) => {
      if (m.name === 'collection') events.push({ at: Date.now(), view: m.payload as CollectionView });
    });
  });
  afterEach(async () => {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('logs.collect runs in the background with rate-limited progress, and its run, manifest and zip are there when it finishes', async () => {
    const started = await service.handle('lab.startPractice', {});
    expect(started.ok).toBe(true);
    const answer = await service.handle('logs.collect', { machines: ['client1', 'support'], zip: true });
    if (!answer.ok) throw new Error(answer.error.message);
    const first = answer.result as CollectionView;
    expect(first.state).toBe('running');
    expect(first.folder).toBe(join(dataDir, 'runs', first.run));

    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const state = events.at(-1)?.view.state;
        if (state !== undefined && state !== 'running') {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - t0 > 25_000) {
          clearInterval(poll);
          reject(new Error('the collection did not finish'));
        }
      }, 20);
    });
    const last = events.at(-1)!.view;
    expect(last.state).toBe('finished');
    expect(last.machines.map((m) => m.name)).toEqual(['client1', 'support']);
    // Progress came as it went, at most every 100 ms; a machine's change of phase and the end come at once.
    expect(events.length).toBeGreaterThan(2);
    const phases = (v: CollectionView) => v.machines.map((m) => m.phase).join(',');
    const progressOnly = events.slice(1, -1).filter((e, i) => phases(e.view) === phases(events[i]!.view));
    expect(progressOnly.length).toBeGreaterThan(0);
    const gaps = progressOnly.map((e) => e.at - events[events.indexOf(e) - 1]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);

    const runs = await service.handle('logs.runs', {});
    expect(runs.ok && (runs.result as CollectionView[]).map((r) => [r.run, r.state])).toEqual([[first.run, 'finished']]);
    const manifest = await service.handle('logs.manifest', { run: first.run });
    if (!manifest.ok) throw new Error(manifest.error.message);
    const m = manifest.result as CollectionManifest;
    expect(m.request).toEqual({ machines: ['client1', 'support'], extraPaths: [], zip: true });
    expect(m.problem).toBeNull();
    expect(m.zip?.path).toBe(`${last.folder}.zip`);
    const zipped = await readZip(m.zip!.path);
    const setupapi = m.machines[0]!.files.find((f) => f.remotePath.endsWith('setupapi.dev.log'))!;
    const entry = zipped.entries.find((e) => e.name === `${first.run}/client1/${setupapi.localPath}`);
    expect(entry && sha256(entry.data)).toBe(setupapi.sha256);
    expect(zipped.entries.map((e) => e.name)).toContain(`${first.run}/manifest.json`);

    const cancel = await service.handle('logs.cancel', { run: first.run });
    expect(cancel).toEqual({ ok: false, error: { code: 'invalid-request', message: `run ${first.run} is not collecting now` } });
    const resume = await service.handle('logs.resume', { run: '2000-01-01T00-00-00Z' });
    expect(resume.ok === false && resume.error.code).toBe('invalid-request');
    const unknown = await service.handle('logs.collect', { machines: ['client9'] });
    expect(unknown.ok === false && unknown.error.code).toBe('unknown-machine');
  });

  test('logs.collect without a lab says so', async () => {
    const answer = await service.handle('logs.collect', {});
    expect(answer.ok === false && answer.error.code).toBe('no-lab');
  });
});
