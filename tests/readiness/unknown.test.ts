import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { noFaults } from '../../electron/practice-lab/simulated-host';
import { readinessLab, type ReadinessLab } from '../support/readiness';

/**
 * A check that cannot run is unknown with the reason, never a pass, and the other checks still run:
 * a command missing on the machine, access denied, an operation that never answers, output that does
 * not parse or has the wrong shape, a machine that is not there.
 */

let r: ReadinessLab;
beforeAll(async () => {
  r = await readinessLab({ scenario: 'ready' }, { operationTimeoutMs: 1500 });
  await r.connectAll();
});
afterAll(async () => r?.cleanup());
afterEach(async () => {
  for (const h of r.lab.hosts) {
    Object.assign(h.faults, noFaults());
    h.missingCommands.clear();
    h.system.elevated = true;
  }
  for (const m of r.machines) if (m.connectionState !== 'connected') m.connect();
  await r.connectAll();
});

function statuses(machine: string): Record<string, string> {
  const m = r.engine.snapshot().machines.find((x) => x.machine === machine)!;
  return Object.fromEntries(m.checks.map((c) => [c.check, c.status]));
}

function onlyUnknown(machine: string, unknown: string[]): void {
  const seen = statuses(machine);
  for (const [check, status] of Object.entries(seen)) expect(`${check}: ${status}`).toBe(`${check}: ${unknown.includes(check) ? 'unknown' : 'pass'}`);
}

test('a command missing on the machine: the checks that need it are unknown with PowerShell\'s message, the rest pass', async () => {
  r.lab.host('client1').missingCommands.add('pnputil.exe');
  await r.engine.run({ machine: 'client1' });
  onlyUnknown('client1', ['driver-store']);
  expect(r.result('client1', 'driver-store').evidence).toBe(
    "could not read the driver store (pnputil) on client1: The term 'pnputil.exe' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
  );
  const readiness = r.engine.snapshot().machines.find((m) => m.machine === 'client1')!;
  expect(readiness.ready).toBe(false);
  expect(readiness.summary).toMatch(/^not ready: One version of the driver package in the driver store \(unknown\): could not read the driver store/);
});

test('access denied (a session without elevation): test signing is unknown, not off', async () => {
  r.lab.host('client2').system.elevated = false;
  await r.engine.run({ machine: 'client2' });
  onlyUnknown('client2', ['test-signing']);
  expect(r.result('client2', 'test-signing').evidence).toBe(
    'could not read test signing (bcdedit) on client2: bcdedit /enum failed (exit code 1): The boot configuration data store could not be opened. Access is denied.',
  );
});

test('output that does not parse: every check reading it is unknown with the reason', async () => {
  r.lab.host('support').faults.garbageNextAnswer = true;
  await r.engine.run({ machine: 'support', check: 'free-space' });
  expect(r.result('support', 'free-space')).toMatchObject({
    status: 'unknown',
    evidence: 'readiness.machine on support answered with output that does not parse: the answer is not base64',
  });
});

test('output of the wrong shape is unknown too', async () => {
  r.lab.host('support').faults.wrongShapeNextAnswer = true;
  await r.engine.run({ machine: 'support', check: 'pending-reboot' });
  const result = r.result('support', 'pending-reboot');
  expect(result.status).toBe('unknown');
  expect(result.evidence).toMatch(/^system\.facts on support returned output of the wrong shape: /);
});

test('an operation that never answers times out into unknown; every other machine is still checked', async () => {
  r.lab.host('client2').faults.hangNextOperation = true;
  const started = Date.now();
  const snapshot = await r.engine.run();
  expect(Date.now() - started).toBeLessThan(5000);
  const client2 = snapshot.machines.find((m) => m.machine === 'client2')!;
  const unknown = client2.checks.filter((c) => c.status === 'unknown');
  expect(unknown.length).toBeGreaterThan(0);
  for (const c of unknown) expect(c.evidence).toMatch(/on client2 did not answer within 2 s; its PowerShell session was ended/);
  expect(client2.checks.filter((c) => c.status === 'fail')).toEqual([]);
  for (const m of snapshot.machines.filter((x) => x.machine !== 'client2')) {
    // Others pass, except where they compare with what client2 could not answer.
    for (const c of m.checks) if (c.status !== 'pass') expect(`${m.machine} ${c.check}: ${c.evidence}`).toMatch(/client2 .*did not answer/);
  }
  expect(snapshot.machines.find((m) => m.machine === 'client1')!.ready).toBe(true);
});

test('a machine that is not there: it fails reachable, its other checks are unknown, the lab goes on', async () => {
  r.machines.find((m) => m.name === 'client2')!.disconnect();
  const snapshot = await r.engine.run();
  const client2 = snapshot.machines.find((m) => m.machine === 'client2')!;
  expect(client2.checks.find((c) => c.check === 'reachable')).toMatchObject({ status: 'fail', evidence: 'not connected (idle: disconnected by the operator)' });
  for (const c of client2.checks.filter((x) => x.check !== 'reachable')) {
    expect(c).toMatchObject({ status: 'unknown', evidence: expect.stringMatching(/^client2 is not connected \(idle: disconnected by the operator\)$/) });
  }
  expect(snapshot.machines.find((m) => m.machine === 'client1')!.ready).toBe(true);
  // The support machine cannot be compared with client2 now: unknown, not a pass on half the facts.
  expect(r.result('support', 'driver-version-matches')).toMatchObject({ status: 'unknown', evidence: expect.stringMatching(/^could not read the driver of client2 \(client2 is not connected/) });
  expect(r.result('controller', 'hlk-machines')).toMatchObject({ status: 'unknown', evidence: expect.stringMatching(/could not read the computer name of client2/) });
});
