import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { operations } from '../../shared/operations';
import { servicesRestart, servicesStatus } from '../../shared/operations/services';
import { systemBootTime, systemFacts, systemReboot } from '../../shared/operations/system';
import { FileHostKeyStore } from '../../electron/lab/host-keys';
import type { SshMachine } from '../../electron/lab/lab-file';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { practiceCertificate } from '../../electron/practice-lab/practice-certificate';
import { testId } from '../../electron/practice-lab/hlk-model';
import { practiceDriverFolder } from '../../electron/practice-lab/scenarios';
import { failureOf } from '../support/operation-failure';
import { startPracticeLab, watch, type Watched } from '../support/practice';

let lab: PracticeLab;
let cleanup: () => Promise<void>;
const opened: Watched[] = [];

beforeAll(async () => {
  ({ lab, cleanup } = await startPracticeLab());
});
afterAll(async () => cleanup());
afterEach(() => {
  for (const w of opened.splice(0)) w.machine.disconnect();
  for (const h of lab.hosts) Object.assign(h.faults, { latencyMs: 0, garbageNextAnswer: false, wrongShapeNextAnswer: false, hangNextOperation: false, rebootDuringNextOperation: false });
});

function config(name: string): SshMachine {
  const m = lab.labFile().machines.find((x) => x.name === name);
  if (!m) throw new Error(name);
  return m;
}

function open(name: string, overrides: Partial<SshMachine> = {}, store?: FileHostKeyStore): Watched {
  const w = watch({ ...config(name), ...overrides }, store);
  opened.push(w);
  return w;
}


const connected = (v: { state: string }) => v.state === 'connected';

describe('connecting to the practice lab over SSH', () => {
  test('all four machines connect and report their facts', async () => {
    const all = lab.labFile().machines.map((m) => open(m.name));
    all.forEach((w) => w.machine.connect());
    const views = await Promise.all(all.map((w) => w.until(connected)));
    expect(views.map((v) => v.name)).toEqual(['controller', 'client1', 'client2', 'support']);
    const client = views[1]!;
    expect(client.facts).toMatchObject({ osVersion: '10.0.17763.0', build: 17763, edition: 'ServerStandard', isVirtual: false, cores: 4 });
    expect(views[0]!.facts).toMatchObject({ build: 14393, isVirtual: true });
    expect(client.hostKey?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(all[1]!.events.map((e) => e.kind)).toEqual(['host-key-pinned', 'connected']);
  });

  test('every operation runs and returns a result of its declared shape', async () => {
    const w = open('client1');
    const controller = open('controller');
    w.machine.connect();
    controller.machine.connect();
    await Promise.all([w.until(connected), controller.until(connected)]);
    // Something for shares.removeMappings to remove.
    lab.host('client1').driveMappings.push({ localPath: 'Q:', remotePath: '\\\\HLK-CONTROLLER\\HLKInstall', status: 'Unavailable' });
    // A driver folder for driver.install.
    lab.host('client1').storedFiles = practiceDriverFolder();
    const examples: Record<string, { params: unknown; on?: Watched }> = {
      'system.facts': { params: {} },
      'system.bootTime': { params: {} },
      'services.status': { params: { names: ['HLKSvc', 'NoSuchService'] } },
      'services.restart': { params: { name: 'OpenVPNService', waitSeconds: 5 } },
      'services.ensureRunning': { params: { names: ['OpenVPNService'], automaticStart: true } },
      'services.stop': { params: { names: ['OpenVPNServiceLegacy'] } },
      'network.adapters': { params: {} },
      'network.renameAdapters': { params: { renames: [{ name: 'Ethernet 2', newName: 'Ethernet 2' }] } },
      'readiness.machine': { params: { services: ['HLKSvc'], infName: 'oemvista.inf', certificate: { subject: 'WDKTestCert', thumbprint: null } } },
      'readiness.reachability': { params: { tcp: [{ host: 'HLK-CONTROLLER', port: 1771 }], ping: [{ address: '2001:db8:6666::2' }] } },
      'readiness.controller': { params: { services: ['HLKSvc'], testShare: { name: 'tests', files: ['amd64\\x.sys'] } }, on: controller },
      'hlk.machines': { params: {}, on: controller },
      'hlk.setMachineReady': { params: { machine: 'HLK-CLIENT1' }, on: controller },
      'hlk.pools': { params: {}, on: controller },
      'hlk.createPool': { params: { name: 'tap-windows6' }, on: controller },
      'hlk.arrangePool': { params: { pool: 'tap-windows6', clients: ['HLK-CLIENT1', 'HLK-CLIENT2'], supports: ['HLK-SUPPORT'] }, on: controller },
      'hlk.projects': { params: {}, on: controller },
      'hlk.createProject': { params: { name: 'tap-windows6' }, on: controller },
      'hlk.project': { params: { name: 'tap-windows6' }, on: controller },
      'hlk.addFeature': { params: { project: 'tap-windows6', hardwareId: 'tap0901', feature: 'Device.Network.LAN.PM' }, on: controller },
      'hlk.playlists': { params: { folder: 'C:\\HLK\\Playlists' }, on: controller },
      'hlk.loadPlaylist': { params: { project: 'tap-windows6', path: 'C:\\HLK\\Playlists\\HLK Version 1809 CompatPlaylist x64 Server.xml' }, on: controller },
      'hlk.tests': { params: { project: 'tap-windows6' }, on: controller },
      'hlk.submissionTests': { params: { project: 'tap-windows6' }, on: controller },
      'signing.driverReport': { params: { folder: 'C:\\HLK\\Submission\\tap-windows6' }, on: controller },
      'signing.attestationCab': { params: { folder: 'C:\\HLK\\Submission\\tap-windows6', outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab' }, on: controller },
      'hlk.rerunTest': { params: { project: 'tap-windows6', test: testId('NDISTest 6.5 - [1 Machine] - StandardizedKeywords'), support: null }, on: controller },
      'tapdiag.status': { params: { toolPath: 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe', hardwareId: 'tap0901' } },
      'tapdiag.enable': { params: { toolPath: 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe', hardwareId: 'tap0901', openvpnServices: ['OpenVPNService', 'OpenVPNServiceLegacy'] } },
      'tapdiag.setLink': { params: { toolPath: 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe', hardwareId: 'tap0901', link: 'on' } },
      'tapdiag.setQ': { params: { toolPath: 'C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe', mode: 'off' } },
      'signing.enableTestSigning': { params: {} },
      'signing.importCertificate': { params: { certificate: practiceCertificate().der.toString('base64') } },
      'driver.removePackages': { params: { oemNumbers: [99] } },
      'driver.install': { params: { folder: 'C:\\HLK\\driver', infName: 'OemVista.inf', hardwareId: 'tap0901' } },
      'hvci.status': { params: { driverFile: 'tap0901.sys' } },
      'hvci.enable': { params: { driverFile: 'tap0901.sys' } },
      'shares.removeMappings': { params: { localPaths: ['Q:'] } },
      'logs.prepare': { params: { run: '2024-04-29T08-12-01Z', snapshots: ['ipconfig-all'], eventLogs: ['System'], paths: [{ source: 'setupapi', pattern: '%SystemRoot%\\INF\\setupapi.dev.log' }] } },
      'logs.hashFiles': { params: { files: [{ path: 'C:\\Windows\\INF\\setupapi.dev.log', length: 1024 }] } },
      'logs.removeStaging': { params: { run: '2024-04-29T08-12-01Z' } },
    };
    // system.reboot is exercised in the reboot tests below; every other operation needs an example here.
    for (const op of operations.filter((o) => o.name !== 'system.reboot')) {
      expect(examples, `an example for ${op.name}`).toHaveProperty([op.name]);
      const example = examples[op.name]!;
      const result = await (example.on ?? w).machine.run(op, example.params);
      expect(op.result.safeParse(result).success, op.name).toBe(true);
    }
    const status = await w.machine.run(servicesStatus, { names: ['hlksvc', 'NoSuchService'] });
    expect(status.services).toEqual([
      expect.objectContaining({ name: 'HLKSvc', exists: true, status: 'Running' }),
      expect.objectContaining({ name: 'NoSuchService', exists: false }),
    ]);
  });

  test('a script error comes back as script-error with PowerShell\'s message, and the session goes on', async () => {
    const w = open('client1');
    w.machine.connect();
    await w.until(connected);
    const info = await failureOf(w.machine.run(servicesRestart, { name: 'NoSuchService' }));
    expect(info).toMatchObject({ kind: 'script-error', machine: 'client1', operation: 'services.restart' });
    expect(info.message).toContain('There is no service named NoSuchService');
    await expect(w.machine.run(systemBootTime, {})).resolves.toHaveProperty('lastBootTime');
  });

  test('parameters that do not match the schema are refused before anything is sent', async () => {
    const w = open('client1');
    w.machine.connect();
    await w.until(connected);
    const info = await failureOf(w.machine.run(servicesStatus, { names: [] }));
    expect(info.kind).toBe('invalid-params');
    // @ts-expect-error the wrong type on purpose: parameters that reach the machine unchecked are refused too
    expect((await failureOf(w.machine.run(systemReboot, { delaySeconds: 'soon' }))).kind).toBe('invalid-params');
  });
});

describe('host keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-keys-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  test('pinned on first use, refused with both fingerprints when it changes, accepted again when the operator trusts it', async () => {
    const path = join(dir, 'known-hosts.json');
    const store = new FileHostKeyStore(path);
    const first = open('client2', {}, store);
    first.machine.connect();
    const view = await first.until(connected);
    const pinned = view.hostKey!.fingerprint;
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, { fingerprint: string }>;
    expect(saved[`[127.0.0.1]:${config('client2').port}`]?.fingerprint).toBe(pinned);
    first.machine.disconnect();

    lab.changeHostKey('client2');
    const second = open('client2', {}, new FileHostKeyStore(path));
    second.machine.connect();
    const refused = await second.until((v) => v.state === 'host-key-changed');
    expect(refused.hostKeyMismatch?.pinned).toBe(pinned);
    expect(refused.hostKeyMismatch?.presented).toMatch(/^SHA256:/);
    expect(refused.hostKeyMismatch?.presented).not.toBe(pinned);
    expect(refused.stateDetail).toContain(pinned);
    expect(second.events.some((e) => e.kind === 'host-key-changed')).toBe(true);
    // It is not retried behind the operator's back.
    await new Promise((r) => setTimeout(r, 500));
    expect(second.machine.view().state).toBe('host-key-changed');

    await expect(second.machine.trustPresentedHostKey('SHA256:somethingElse')).rejects.toThrow(/does not present/);
    await second.machine.trustPresentedHostKey(refused.hostKeyMismatch!.presented);
    const back = await second.until(connected);
    expect(back.hostKey?.fingerprint).toBe(refused.hostKeyMismatch!.presented);
  });
});

describe('authentication', () => {
  test('a wrong password is auth-failed and is not retried; the right one connects', async () => {
    const w = open('support', { auth: { type: 'password' } });
    w.machine.connect();
    expect(w.machine.view().state).toBe('needs-password');
    w.machine.connect('not-the-password');
    const failed = await w.until((v) => v.state === 'auth-failed');
    expect(failed.stateDetail).toContain('refused the password');
    w.machine.connect(lab.host('support').password);
    await w.until(connected);
  });

  test('a key file that cannot be read says which file', async () => {
    const w = open('support', { auth: { type: 'key', file: join(tmpdir(), 'hlka-no-such-key') } });
    w.machine.connect();
    const failed = await w.until((v) => v.state === 'auth-failed');
    expect(failed.stateDetail).toContain('hlka-no-such-key');
  });
});

describe('failures during a pass', () => {
  test('an operation that does not answer times out, and the next one runs in a fresh PowerShell', async () => {
    const w = open('client1');
    w.machine.connect();
    await w.until(connected);
    lab.host('client1').faults.hangNextOperation = true;
    const info = await failureOf(w.machine.run(systemBootTime, {}, 300));
    expect(info).toMatchObject({ kind: 'timeout', operation: 'system.bootTime' });
    await expect(w.machine.run(systemBootTime, {})).resolves.toHaveProperty('lastBootTime');
  });

  test('output that does not parse is bad-output, whether it is not a frame or has the wrong shape', async () => {
    const w = open('client1');
    w.machine.connect();
    await w.until(connected);
    lab.host('client1').faults.garbageNextAnswer = true;
    const garbage = await failureOf(w.machine.run(systemBootTime, {}));
    expect(garbage.kind).toBe('bad-output');
    expect(garbage.detail?.snippet).toContain('not base64');
    lab.host('client1').faults.wrongShapeNextAnswer = true;
    const shape = await failureOf(w.machine.run(systemFacts, {}));
    expect(shape.kind).toBe('bad-output');
    expect(shape.message).toContain('wrong shape');
    await expect(w.machine.run(systemBootTime, {})).resolves.toHaveProperty('lastBootTime');
  });

  test('a dropped connection is shown, reconnected, and not mistaken for a reboot', async () => {
    const w = open('client2');
    w.machine.connect();
    const before = await w.until(connected);
    lab.dropConnections('client2');
    await w.until((v) => v.state === 'unreachable');
    const after = await w.until(connected);
    expect(after.rebootedAt).toBeNull();
    expect(after.facts?.lastBootTime).toBe(before.facts?.lastBootTime);
    expect(w.events.map((e) => e.kind)).toContain('disconnected');
  });

  test('a machine that goes silent is declared unreachable by keepalive within seconds', async () => {
    const w = open('client2');
    w.machine.connect();
    await w.until(connected);
    const t0 = Date.now();
    lab.blackhole('client2', 1500);
    await w.until((v) => v.state === 'unreachable', 5000);
    expect(Date.now() - t0).toBeLessThan(5000);
    await w.until(connected, 10_000);
  });

  test('a reboot is detected by the new boot time and kept as an event', async () => {
    const w = open('support');
    w.machine.connect();
    const before = await w.until(connected);
    lab.reboot('support');
    const after = await w.until((v) => v.state === 'connected' && v.rebootedAt !== null);
    expect(after.facts!.lastBootTime > before.facts!.lastBootTime).toBe(true);
    expect(w.events.find((e) => e.kind === 'rebooted')?.text).toContain(before.facts!.lastBootTime);
    w.machine.acknowledgeReboot();
    expect(w.machine.view().rebootedAt).toBeNull();
  });

  test('a reboot asked for through system.reboot shows as rebooting, then rebooted', async () => {
    const w = open('client1');
    w.machine.connect();
    await w.until(connected);
    w.machine.expectReboot();
    await expect(w.machine.run(systemReboot, { delaySeconds: 0 })).resolves.toEqual({ rebootInSeconds: 0 });
    await w.until((v) => v.state === 'rebooting');
    await w.until((v) => v.state === 'connected' && v.rebootedAt !== null);
  });

  test('a reboot in the middle of an operation fails it as host-rebooted', async () => {
    const w = open('client2');
    w.machine.connect();
    await w.until(connected);
    lab.host('client2').faults.rebootDuringNextOperation = true;
    const info = await failureOf(w.machine.run(systemBootTime, {}, 8000));
    expect(info.kind).toBe('host-rebooted');
    expect(w.machine.view().state).toBe('connected');
  });

  test('a connection lost mid-operation without a reboot is connection-lost', async () => {
    const w = open('client2');
    w.machine.connect();
    await w.until(connected);
    lab.host('client2').faults.hangNextOperation = true;
    const pending = failureOf(w.machine.run(systemBootTime, {}, 8000));
    setTimeout(() => lab.dropConnections('client2'), 100);
    expect((await pending).kind).toBe('connection-lost');
  });

  test('operations on a machine that is not connected fail at once as not-connected', async () => {
    const w = open('client1');
    const info = await failureOf(w.machine.run(systemBootTime, {}));
    expect(info.kind).toBe('not-connected');
  });

  test('a machine nobody answers for is unreachable, with the reason, and retried', async () => {
    const w = open('client1', { port: 1 });
    w.machine.connect();
    const v = await w.until((x) => x.state === 'unreachable');
    expect(v.stateDetail).toMatch(/ECONNREFUSED.*retrying in/);
  });
});
