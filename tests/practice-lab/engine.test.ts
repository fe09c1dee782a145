import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { OperationFailure } from '../../shared/errors';
import { hlkRerunTest, hlkTests } from '../../shared/operations/hlk';
import { networkAdapters } from '../../shared/operations/network';
import { tapdiagSetLink } from '../../shared/operations/tapdiag';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { readinessReachability } from '../../shared/operations/readiness';
import { servicesEnsureRunning, servicesStop } from '../../shared/operations/services';
import { systemFacts, systemReboot } from '../../shared/operations/system';
import type { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { startPracticeLab, watch, type Watched } from '../support/practice';
import { describePwsh, requirePwsh } from '../support/pwsh';

/**
 * The PowerShell engine reached over SSH as the app reaches it: the real scripts run in real PowerShell on
 * the stand-in, what they change is the practice lab's state (the model's operations and the lab's
 * network see it), a reboot a script asks for happens, and the lab's failures on demand still work.
 */

let lab: PracticeLab;
let cleanup: () => Promise<void>;
const opened: Watched[] = [];

function open(name: string): Watched {
  const m = lab.labFile().machines.find((x) => x.name === name)!;
  const w = watch(m, undefined, {
    keepaliveIntervalMs: 2000,
    keepaliveCountMax: 10,
    connectTimeoutMs: 60_000,
    loopStartTimeoutMs: 120_000,
    reconnectInitialMs: 200,
    reconnectMaxMs: 1000,
  });
  opened.push(w);
  w.machine.connect();
  return w;
}

describePwsh('the PowerShell engine over SSH', () => {
  beforeAll(async () => {
    ({ lab, cleanup } = await startPracticeLab({ engine: 'powershell', powershell: requirePwsh(), scenario: 'ready', hlkTestStepMs: 200 }));
  }, 400_000);
  afterAll(async () => cleanup?.());
  afterEach(() => {
    for (const w of opened.splice(0)) w.machine.disconnect();
  });

  test('the ready frame and the facts come from the PowerShell that runs the scripts', async () => {
    const w = open('client1');
    const view = await w.until((v) => v.state === 'connected', 120_000);
    // The model says Windows PowerShell 5.1; this machine's PowerShell is the real one.
    expect(view.facts?.powershellVersion).toMatch(/^7\./);
    const facts = await w.machine.run(systemFacts, {});
    expect(facts).toMatchObject({ computerName: 'HLK-CLIENT1', build: 17763 });
  }, 180_000);

  test("a script's change is the lab's state: stopping OpenVPN takes the tunnel down for the model's ping too", async () => {
    const client = open('client1');
    await client.until((v) => v.state === 'connected', 120_000);
    const supportTap = lab.host('support').adapters.find((a) => a.componentId === 'tap0901')!.addresses.find((a) => a.family === 'IPv6')!.address;
    const ping = { tcp: [], ping: [{ address: supportTap }], timeoutMs: 1000 };
    expect((await client.machine.run(readinessReachability, ping)).ping[0]!.answered).toBe(true);

    await client.machine.run(servicesStop, { names: ['OpenVPNService'] });
    expect(lab.host('client1').service('OpenVPNService')!.status).toBe('Stopped');
    const adapters = await client.machine.run(networkAdapters, {});
    expect(adapters.adapters.find((a) => a.componentId === 'tap0901')!.status).toBe('Disconnected');
    // readiness.reachability is still the model's: it sees what the real script did.
    expect((await client.machine.run(readinessReachability, ping)).ping[0]!.answered).toBe(false);

    await client.machine.run(servicesEnsureRunning, { names: ['OpenVPNService'] });
    expect(lab.host('client1').service('OpenVPNService')!.status).toBe('Running');
  }, 180_000);

  test("LinkCheck through HLK's object model stand-in: queued with the support machine, passed once tapdiag cycled the client's cable", async () => {
    const controller = open('controller');
    const client = open('client1');
    await controller.until((v) => v.state === 'connected', 120_000);
    await client.until((v) => v.state === 'connected', 120_000);
    const linkCheck = testId(lanTests.linkCheck.name);
    const queued = await controller.machine.run(hlkRerunTest, { project: 'tap-windows6', test: linkCheck, support: 'HLK-SUPPORT' });
    expect(queued).toMatchObject({ queued: true, roles: [{ role: 'Client', machines: ['HLK-CLIENT1'] }, { role: 'Support', machines: ['HLK-SUPPORT'] }] });
    // The real tapdiag script pulls the cable through the stand-in's tapdiag.exe; the C# stand-in's run sees it.
    const tool = lab.host('client1').tapdiag.toolPath!;
    const off = (await client.machine.run(tapdiagSetLink, { toolPath: tool, hardwareId: 'tap0901', link: 'off' })) as { adapters: Array<{ status: string }> };
    expect(off.adapters.map((a) => a.status)).toEqual(['Disconnected']);
    await client.machine.run(tapdiagSetLink, { toolPath: tool, hardwareId: 'tap0901', link: 'on' });
    expect(lab.host('client1').tapDriver).toMatchObject({ link: 'on', linkChanges: 2 });
    const deadline = Date.now() + 120_000;
    let latest: unknown = null;
    while (Date.now() < deadline) {
      const { tests } = (await controller.machine.run(hlkTests, { project: 'tap-windows6' })) as { tests: Array<{ id: string; status: string; runs: number }> };
      latest = tests.find((t) => t.id === linkCheck);
      if ((latest as { status: string }).status === 'Passed') break;
    }
    expect(latest).toMatchObject({ status: 'Passed', runs: 1 });
  }, 300_000);

  test('the lab still produces its failures: an answer of the wrong shape', async () => {
    const w = open('client2');
    await w.until((v) => v.state === 'connected', 120_000);
    lab.host('client2').faults.wrongShapeNextAnswer = true;
    const error = await w.machine.run(networkAdapters, {}).then(
      () => null,
      (e: unknown) => (e instanceof OperationFailure ? e.info.kind : e),
    );
    expect(error).toBe('bad-output');
  }, 180_000);

  test('shutdown.exe in the stand-in reboots the machine', async () => {
    const w = open('support');
    const before = await w.until((v) => v.state === 'connected', 120_000);
    await w.machine.run(systemReboot, { delaySeconds: 0 });
    const after = await w.until((v) => v.state === 'connected' && v.rebootedAt !== null, 300_000);
    expect(after.facts!.lastBootTime).not.toBe(before.facts!.lastBootTime);
    expect(lab.host('support').rebootScheduled).toBe(false);
  }, 400_000);
});
