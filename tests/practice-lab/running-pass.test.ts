import { describe, expect, test } from 'vitest';
import { PracticeClock } from '../../electron/practice-lab/hlk-clock';
import { advanceTests, lanTests, testStatus } from '../../electron/practice-lab/hlk-model';
import { runningPass, runningScenario } from '../../electron/practice-lab/scenarios';
import { SimulatedHost } from '../../electron/practice-lab/simulated-host';

/** The 'running' scenario's pass on the HLK clock, moved on by hand: one test at a time per client, a hang, a failure, a client dropping out. */
describe("the practice lab's 'running' pass", () => {
  const min = 60_000;
  function lab() {
    const start = Date.now();
    const hosts = runningScenario().hosts.map((spec) => new SimulatedHost(spec));
    const controller = hosts[0]!;
    const studio = controller.hlkStudio!;
    const tests = studio.projects[0]!.tests;
    const at = (minutes: number) => advanceTests(studio, controller, hosts, start + minutes * min);
    const state = (key: keyof typeof lanTests) => testStatus(tests.find((t) => t.name === lanTests[key].name)!);
    const machine = (name: string) => studio.machines.find((m) => m.name === name)!;
    return { at, state, machine, tests };
  }

  test('every test carries the estimate HLK gives it', () => {
    const { tests } = lab();
    expect(tests.find((t) => t.name === lanTests.mini6Stress.name)!.estimatedMs).toBe(60 * min);
    expect(tests.every((t) => t.estimatedMs > 0)).toBe(true);
  });

  test('tests move from queued to running to passed or failed, one at a time on each client', () => {
    const { at, state } = lab();
    at(1);
    expect([state('addressChange'), state('e2ePerf'), state('checkConnectivity'), state('faultHandling')]).toEqual(['Running', 'InQueue', 'InQueue', 'InQueue']);
    at(9);
    expect([state('addressChange'), state('e2ePerf')]).toEqual(['Passed', 'Running']);
    at(34);
    // E2EPerf fails: the support machine's TAP advertises 100 Mbps against the client's 1 Gbps.
    expect([state('e2ePerf'), state('checkConnectivity')]).toEqual(['Failed', 'Running']);
    at(44);
    expect([state('checkConnectivity'), state('faultHandling')]).toEqual(['Passed', 'Running']);
  });

  test('2c_Mini6Stress hangs and keeps 1c_Registry queued behind it on client1', () => {
    const { at, state } = lab();
    at(24 * 60);
    expect(state('mini6Stress')).toBe('Running');
    expect(state('registry')).toBe('InQueue');
  });

  test('a jump of the clock over the drop still starts what was due before it', () => {
    const { at, state } = lab();
    at(runningPass.client2DropsAt + 30);
    expect([state('e2ePerf'), state('checkConnectivity'), state('faultHandling')]).toEqual(['Failed', 'Passed', 'Passed']);
  });

  test('client2 leaves Ready mid-pass and its heartbeat stops; the test running on it still ends', () => {
    const { at, state, machine } = lab();
    at(runningPass.client2DropsAt - 1);
    expect(machine('HLK-CLIENT2').status).toBe('Ready');
    at(runningPass.client2DropsAt + 30);
    expect(machine('HLK-CLIENT2').status).toBe('NotReady');
    expect(Date.parse(machine('HLK-CLIENT2').lastHeartbeat!)).toBeLessThan(Date.parse(machine('HLK-CLIENT1').lastHeartbeat!) - 25 * min);
    expect(state('faultHandling')).toBe('Passed');
  });
});

describe('the practice clock', () => {
  test('moves on at its speed, and at once when told', async () => {
    const clock = new PracticeClock(600);
    const before = clock.now();
    await new Promise((r) => setTimeout(r, 50));
    // 50 ms at 600 simulated seconds a second is 30 s of HLK time at least.
    expect(clock.now() - before).toBeGreaterThanOrEqual(30_000);
    const now = clock.now();
    clock.advance(3_600_000);
    expect(clock.now() - now).toBeGreaterThanOrEqual(3_600_000);
  });

  test('refuses a speed that is not positive and a move backwards, naming the value', () => {
    expect(() => new PracticeClock(0)).toThrow(/positive number of simulated seconds a second, not 0/);
    expect(() => new PracticeClock(1).advance(-5)).toThrow(/only moves forward.*not -5/);
  });
});
