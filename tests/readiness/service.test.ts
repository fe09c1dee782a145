import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiEventMessage, ApiResponse } from '../../shared/api';
import type { MachineReadiness } from '../../shared/readiness/results';
import { checks } from '../../shared/readiness/checks';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings } from '../support/practice';
import { readinessLab } from '../support/readiness';

/**
 * Readiness through the api the UI uses: checks run by themselves when the machines connect, reconnect
 * or reboot; an operator runs one check, one machine or all; fixes run through it and are journaled;
 * every change is pushed as a `readiness` event.
 */

let dir: string;
let lab: PracticeLab;
let service: LabService;
const events: ApiEventMessage[] = [];

function readinessEvents(machine: string): MachineReadiness[] {
  return events.filter((e): e is ApiEventMessage<'readiness'> => e.name === 'readiness' && (e.payload as MachineReadiness).machine === machine).map((e) => e.payload);
}

async function until<T>(find: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ok<T>(response: ApiResponse): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hlka-readiness-api-'));
  lab = await PracticeLab.start({ dir: join(dir, 'lab'), scenario: 'ready', rebootDownMs: 300 });
  const labPath = join(dir, 'lab.json');
  await writeFile(labPath, JSON.stringify(lab.labFile()));
  service = new LabService({ dataDir: join(dir, 'data'), host: 'web', timings: fastTimings });
  service.subscribe((e) => events.push(e));
  ok(await service.handle('lab.open', { path: labPath }));
});
afterAll(async () => {
  await service?.close();
  await lab?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('readiness through the api', () => {
  test('checks run by themselves once the machines connect, and every result is pushed', async () => {
    for (const name of ['controller', 'client1', 'client2', 'support']) {
      await until(() => readinessEvents(name).find((r) => r.ready === true && !r.running));
    }
    const snapshot = ok<{ watchIntervalSeconds: number | null; machines: MachineReadiness[] }>(await service.handle('readiness.snapshot', {}));
    expect(snapshot.watchIntervalSeconds).toBeNull();
    expect(snapshot.machines.map((m) => [m.machine, m.ready, m.summary])).toEqual([
      ['controller', true, 'ready'],
      ['client1', true, 'ready'],
      ['client2', true, 'ready'],
      ['support', true, 'ready'],
    ]);
  });

  test('readiness.checks lists every check with why it matters, what it reads and its fixes', async () => {
    const catalogue = ok<Array<{ id: string; why: string; reads: unknown[]; fixes: Array<{ operation: string }> }>>(await service.handle('readiness.checks', {}));
    expect(catalogue.map((c) => c.id)).toEqual(checks.map((c) => c.id));
    expect(catalogue.find((c) => c.id === 'vpn-ping')).toMatchObject({
      reads: [
        { from: 'self', operation: 'readiness.reachability' },
        { from: 'supports', operation: 'readiness.machine' },
      ],
    });
    for (const c of catalogue) expect(c.why.length, c.id).toBeGreaterThan(40);
  });

  test('readiness.run runs one check on one machine, one check everywhere, or one machine', async () => {
    const one = ok<{ machines: MachineReadiness[] }>(await service.handle('readiness.run', { machine: 'client1', check: 'free-space' }));
    expect(one.machines.find((m) => m.machine === 'client1')!.checks.find((c) => c.check === 'free-space')).toMatchObject({ status: 'pass' });
    lab.host('client2').system.systemDriveFreeBytes = 2 * 1024 ** 3;
    const everywhere = ok<{ machines: MachineReadiness[] }>(await service.handle('readiness.run', { check: 'free-space' }));
    expect(everywhere.machines.find((m) => m.machine === 'client2')).toMatchObject({ ready: false, summary: expect.stringMatching(/^not ready: Free space on the system drive: C: has 2 GB free/) });
    lab.host('client2').system.systemDriveFreeBytes = 80 * 1024 ** 3;
    const machine = ok<{ machines: MachineReadiness[] }>(await service.handle('readiness.run', { machine: 'client2' }));
    expect(machine.machines.find((m) => m.machine === 'client2')!.ready).toBe(true);
  });

  test('bad requests come back as errors, not as results', async () => {
    expect(await service.handle('readiness.run', { machine: 'client9' })).toMatchObject({ ok: false, error: { code: 'unknown-machine' } });
    expect(await service.handle('readiness.run', { check: 'no-such-check' })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'there is no check no-such-check' } });
    expect(await service.handle('readiness.run', { machine: 'controller', check: 'vpn-ping' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'the check vpn-ping does not apply to controller (a controller)' },
    });
    expect(await service.handle('readiness.fix', { machine: 'client1', check: 'free-space' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'free-space on client1 offers no fix (it is pass)' },
    });
    expect(await service.handle('readiness.setWatchInterval', { seconds: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  test('readiness.fix runs the offered fix, checks again, pushes the change and journals it', async () => {
    lab.host('support').service('OpenVPNService')!.status = 'Stopped';
    ok(await service.handle('readiness.run', { machine: 'support' }));
    const outcome = ok<{ ok: boolean; resolved: boolean; readiness: MachineReadiness }>(await service.handle('readiness.fix', { machine: 'support', check: 'openvpn-service' }));
    expect(outcome).toMatchObject({ ok: true, resolved: true, readiness: { ready: true } });
    const pushed = readinessEvents('support');
    expect(pushed.some((r) => r.fixing === 'openvpn-service')).toBe(true);
    expect(pushed[pushed.length - 1]).toMatchObject({ fixing: null, running: false, ready: true });
    // The entry is pushed once the journal has it on disk, which may be after the fix's answer.
    const text = 'Start the OpenVPN service and make it start automatically (for OpenVPN service running, starting automatically on support): done';
    const journaled = await until(() =>
      events.map((e) => (e.name === 'event' ? (e.payload as { machine: string; kind: string; text: string }) : undefined)).find((p) => p?.text === text),
    );
    expect(journaled).toMatchObject({ machine: 'support', kind: 'operation', text });
  });

  test('checks run again by themselves when a machine reconnects', async () => {
    const before = readinessEvents('client2').length;
    lab.host('client2').service('HLKSvc')!.status = 'Stopped';
    lab.dropConnections('client2');
    // A run may land while client2 is still away (its checks are then unknown: not connected); the one
    // that counts is the run after it is back.
    const after = await until(() =>
      readinessEvents('client2')
        .slice(before)
        .find((r) => !r.running && r.checks.some((c) => c.check === 'hlk-client' && c.status !== 'unknown')),
    );
    expect(after.ready).toBe(false);
    expect(after.checks.find((c) => c.check === 'hlk-client')).toMatchObject({ status: 'fail', evidence: 'HLKSvc is Stopped, start type Automatic' });
    lab.host('client2').service('HLKSvc')!.status = 'Running';
  });

  test('and when it reboots: the reboot shows until the operator acknowledges it', async () => {
    const before = readinessEvents('client1').length;
    lab.reboot('client1');
    const after = await until(() => readinessEvents('client1').slice(before).find((r) => !r.running && r.checks.find((c) => c.check === 'last-boot')?.status === 'warn'));
    expect(after.summary).toBe('ready, one warning: Last boot');
    const acknowledged = readinessEvents('client1').length;
    ok(await service.handle('machines.acknowledgeReboot', { machine: 'client1' }));
    await until(() => readinessEvents('client1').slice(acknowledged).find((r) => !r.running && r.checks.find((c) => c.check === 'last-boot')?.status === 'pass'));
  });

  test('the watch interval is kept and shown in the snapshot', async () => {
    expect(ok<{ watchIntervalSeconds: number | null }>(await service.handle('readiness.setWatchInterval', { seconds: 600 })).watchIntervalSeconds).toBe(600);
    expect(ok<{ watchIntervalSeconds: number | null }>(await service.handle('readiness.setWatchInterval', { seconds: null })).watchIntervalSeconds).toBeNull();
  });
});

test('a watch interval runs every check of every machine again, until it is stopped', async () => {
  const r = await readinessLab({ scenario: 'ready' });
  try {
    await r.connectAll();
    const runsOf = () => r.pushed.filter((p) => p.machine === 'controller' && p.running).length;
    r.engine.setWatchInterval(0.3);
    await until(() => (runsOf() >= 3 ? true : undefined), 5000);
    expect(r.engine.snapshot().machines.every((m) => m.ready === true)).toBe(true);
    r.engine.setWatchInterval(null);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stopped = runsOf();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(runsOf()).toBe(stopped);
  } finally {
    await r.cleanup();
  }
});
