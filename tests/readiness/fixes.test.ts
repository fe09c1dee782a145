import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findOperation } from '../../shared/operations';
import { checks } from '../../shared/readiness/checks';
import { ReadinessError } from '../../electron/readiness/engine';
import { readinessLab, type ReadinessLab } from '../support/readiness';

/**
 * Every fix over SSH against the practice lab: it runs exactly the operation its check offered, the check
 * runs again by itself, and turns green. Reboot fixes wait for the machine to come back.
 */

const exercised = new Set<string>();

async function fixAndExpectGreen(r: ReadinessLab, machine: string, check: string, fix: string) {
  const before = r.result(machine, check);
  expect(before.fix?.fix, `${check} on ${machine} offers ${fix}`).toBe(fix);
  // What the confirmation shows is what runs: an operation that changes the machine, with these params.
  expect(findOperation(before.fix!.operation)?.changesMachine).toBe(true);
  const outcome = await r.engine.fix(machine, check);
  exercised.add(fix);
  expect(outcome.error).toBeNull();
  expect(outcome.ok).toBe(true);
  expect(outcome.check?.checkedAt).not.toBe(before.checkedAt);
  expect({ status: outcome.check?.status, evidence: outcome.check?.evidence }).toMatchObject({ status: 'pass' });
  expect(outcome.resolved).toBe(true);
  return outcome;
}

describe("fixing 'broken'", () => {
  let r: ReadinessLab;
  beforeAll(async () => {
    r = await readinessLab({ scenario: 'broken' });
    await r.connectAll();
    await r.engine.run();
  });
  afterAll(async () => r?.cleanup());

  test('start OpenVPNService with automatic start: the service check and the tunnel behind it turn green', async () => {
    const outcome = await fixAndExpectGreen(r, 'client1', 'openvpn-service', 'start-openvpn-service');
    expect(outcome.result).toEqual({ services: [{ name: 'OpenVPNService', status: 'Running', startType: 'Automatic' }] });
    expect(r.lab.host('client1').service('OpenVPNService')).toMatchObject({ status: 'Running', startType: 'Automatic' });
    // The machine's checks ran again: its TAP adapter has a link now, so the pings answer.
    expect(r.result('client1', 'vpn-ping').status).toBe('pass');
    expect(r.result('client1', 'tap-ipv6').status).toBe('pass');
  });

  test('delete the Unavailable drive mapping', async () => {
    await fixAndExpectGreen(r, 'client1', 'network-drives', 'remove-unavailable-drives');
    expect(r.lab.host('client1').driveMappings).toEqual([]);
  });

  test('remove the stale driver package, keeping the one in use', async () => {
    const outcome = await fixAndExpectGreen(r, 'client1', 'driver-store', 'remove-stale-driver-packages');
    expect(outcome.result).toEqual({ results: [{ publishedName: 'oem7.inf', removed: true, message: 'Driver package deleted successfully.' }] });
    expect(outcome.check?.evidence).toMatch(/^oem12\.inf 9\.24\.6\.601/);
  });

  test('set the machine Ready in HLK, on the controller', async () => {
    expect(r.result('client1', 'hlk-machine-status').fix).toMatchObject({ runsOn: 'controller', params: { machine: 'HLK-CLIENT1' } });
    await fixAndExpectGreen(r, 'client1', 'hlk-machine-status', 'set-hlk-ready');
    expect(r.lab.host('controller').hlkStudio!.machines.find((m) => m.name === 'HLK-CLIENT1')!.status).toBe('Ready');
  });

  test('rename the adapters to MessageDevice and SupportDevice0', async () => {
    await fixAndExpectGreen(r, 'client2', 'adapter-names', 'rename-adapters');
    const outcome = await fixAndExpectGreen(r, 'support', 'adapter-names', 'rename-adapters');
    expect(outcome.check?.evidence).toBe('MessageDevice is Intel(R) Ethernet Connection (7) I219-LM and SupportDevice0 is TAP-Windows Adapter V9');
    expect(r.lab.host('support').adapters.map((a) => a.name)).toEqual(['MessageDevice', 'SupportDevice0']);
  });

  test('import the test certificate', async () => {
    await fixAndExpectGreen(r, 'client2', 'test-certificate', 'import-test-certificate');
    expect(r.lab.host('client2').certificates.map((c) => c.store).sort()).toEqual(['Root', 'TrustedPublisher']);
  });

  test('reboot for a pending reboot, and wait for the machine to come back', async () => {
    const bootBefore = r.lab.host('client2').bootTime.getTime();
    const outcome = await fixAndExpectGreen(r, 'client2', 'pending-reboot', 'reboot');
    expect(r.lab.host('client2').bootTime.getTime()).toBeGreaterThan(bootBefore);
    expect(outcome.readiness.checks.find((c) => c.check === 'last-boot')?.status).toBe('warn');
  });

  test('turn test signing on, which says a reboot is needed; the reboot it then offers turns it green', async () => {
    const enabled = await r.engine.fix('client2', 'test-signing');
    exercised.add('enable-test-signing');
    expect(enabled).toMatchObject({ ok: true, resolved: false, result: { testSigningConfigured: true, rebootNeeded: true } });
    expect(enabled.check).toMatchObject({
      status: 'fail',
      evidence: 'turned on (bcdedit testsigning Yes), but not active until the machine reboots',
      fix: { fix: 'reboot', needsReboot: false, rebootsMachine: true },
    });
    await fixAndExpectGreen(r, 'client2', 'test-signing', 'reboot');
  });

  test('a check that passes offers nothing to run', async () => {
    await expect(r.engine.fix('client1', 'windows-build')).rejects.toThrow(/windows-build on client1 offers no fix \(it is pass\)/);
    await expect(r.engine.fix('client1', 'no-such-check')).rejects.toThrow(ReadinessError);
    await expect(r.engine.fix('client9', 'windows-build')).rejects.toMatchObject({ code: 'unknown-machine' });
  });
});

describe("fixing 'fresh'", () => {
  let r: ReadinessLab;
  beforeAll(async () => {
    r = await readinessLab({ scenario: 'fresh' });
    await r.connectAll();
    await r.engine.run();
  });
  afterAll(async () => r?.cleanup());

  test('install the driver from the lab file\'s driver folder: the adapter appears with the INF\'s version, one package in the store', async () => {
    const before = r.result('client1', 'driver-installed');
    expect(before.fix).toMatchObject({ fix: 'install-driver', operation: 'driver.install', params: { folder: 'C:\\HLK\\driver', infName: 'oemvista.inf', hardwareId: 'tap0901' } });
    const outcome = await fixAndExpectGreen(r, 'client1', 'driver-installed', 'install-driver');
    expect(outcome.result).toMatchObject({ installer: 'tapinstall install', version: '9.24.6.601', confirmed: true, adapter: { name: 'Ethernet 2', driverVersion: '9.24.6.601' } });
    await r.engine.run({ machine: 'client1' });
    expect(r.result('client1', 'driver-store')).toMatchObject({ status: 'pass', evidence: expect.stringMatching(/^oem4\.inf 9\.24\.6\.601 \(06\/02\/2021\) in use, TAP-Windows Provider V9$/) });
  });
});

describe("fixing 'ready' after something broke", () => {
  let r: ReadinessLab;
  beforeAll(async () => {
    r = await readinessLab({ scenario: 'ready' });
    await r.connectAll();
  });
  afterAll(async () => r?.cleanup());

  test('restart the controller\'s HLK services', async () => {
    r.lab.host('controller').service('WTTSvc')!.status = 'Stopped';
    await r.engine.run({ machine: 'controller' });
    const outcome = await fixAndExpectGreen(r, 'controller', 'hlk-controller-services', 'restart-hlk-services');
    expect(outcome.result).toEqual({
      services: [
        { name: 'HLKSvc', status: 'Running', startType: 'Automatic' },
        { name: 'WTTSvc', status: 'Running', startType: 'Automatic' },
      ],
    });
  });

  test('start the HLK client service and make it start automatically', async () => {
    Object.assign(r.lab.host('client1').service('HLKSvc')!, { status: 'Stopped', startType: 'Manual' });
    await r.engine.run({ machine: 'client1' });
    await fixAndExpectGreen(r, 'client1', 'hlk-client', 'start-hlk-client-services');
    expect(r.lab.host('client1').service('HLKSvc')).toMatchObject({ status: 'Running', startType: 'Automatic' });
  });

  test('turn on HVCI and the verifier\'s code integrity checks; the reboot it then offers starts HVCI and turns it green', async () => {
    const host = r.lab.host('support');
    host.deviceGuard = { capable: true, registry: {}, running: false };
    host.verifier = null;
    await r.engine.run({ machine: 'support', check: 'hvci' });
    expect(r.result('support', 'hvci')).toMatchObject({ status: 'warn', evidence: 'HVCI is off (virtualization-based security off); Driver Verifier verifies no driver' });
    const enabled = await r.engine.fix('support', 'hvci');
    exercised.add('enable-hvci');
    expect(enabled).toMatchObject({ ok: true, result: { drivers: ['tap0901.sys'], flags: 0x02000000, rebootNeeded: true } });
    expect(enabled.check).toMatchObject({ status: 'warn', evidence: expect.stringMatching(/^HVCI is configured but not running; Driver Verifier checks code integrity of tap0901\.sys \(flags 0x02000000\): a reboot starts HVCI/) });
    await fixAndExpectGreen(r, 'support', 'hvci', 'reboot');
    expect(host.deviceGuard.running).toBe(true);
  });

  test('a reboot that cuts off its own answer still counts once the machine is back with a new boot time', async () => {
    r.lab.host('client1').system.pendingReboot = ['Component Based Servicing'];
    await r.engine.run({ machine: 'client1', check: 'pending-reboot' });
    r.lab.host('client1').faults.rebootDuringNextOperation = true;
    const outcome = await r.engine.fix('client1', 'pending-reboot');
    expect(outcome).toMatchObject({ ok: true, resolved: true, error: null, check: { status: 'pass', evidence: 'no reboot pending' } });
  });

  test('a fix whose operation fails says why, and the check stays red', async () => {
    r.lab.host('support').driveMappings.push({ localPath: 'T:', remotePath: '\\\\HLK-CONTROLLER\\tests', status: 'Unavailable' });
    await r.engine.run({ machine: 'support', check: 'network-drives' });
    // The mapping went away on its own between the check and the click.
    r.lab.host('support').driveMappings = [];
    const outcome = await r.engine.fix('support', 'network-drives');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'script-error', message: 'There is no network drive T: on this machine.' } });
    // Checked again all the same: nothing left to delete.
    expect(outcome.check?.status).toBe('pass');
  });

  test('no fix is offered where Windows would refuse it: test signing under Secure Boot', async () => {
    Object.assign(r.lab.host('client2').signing, { testSigning: false, secureBoot: true });
    await r.engine.run({ machine: 'client2', check: 'test-signing' });
    const result = r.result('client2', 'test-signing');
    expect(result).toMatchObject({ status: 'fail', fix: null });
    expect(result.evidence).toMatch(/Secure Boot is on, so Windows refuses to turn it on: turn Secure Boot off in the firmware first$/);
  });
});

test('every fix a check can offer was exercised above', () => {
  const offered = new Set(checks.flatMap((c) => c.fixes.map((f) => f.id)));
  expect([...offered].filter((id) => !exercised.has(id))).toEqual([]);
});
