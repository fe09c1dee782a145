import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineRole } from '../../shared/lab';
import { findOperation, operations } from '../../shared/operations';
import { readinessSettingsSchema } from '../../shared/readiness/settings';
import { decodeAnswer, encodeRequest, LOOP_SCRIPT_LINE, scriptSha } from '../../electron/transport/framing';
import { behaviourFor, SimulatedScriptError } from '../../electron/practice-lab/behaviours';
import { scenarioNames, scenarios, type ScenarioName } from '../../electron/practice-lab/scenarios';
import { SimulatedHost, type SimulatedHostSpec } from '../../electron/practice-lab/simulated-host';
import { notYetOnStandIn, onStandIn } from '../../electron/practice-lab/windows-stand-in/coverage';
import { standInState } from '../../electron/practice-lab/windows-stand-in/machine-state';
import { StandInPowerShell } from '../../electron/practice-lab/windows-stand-in/stand-in-powershell';
import { describePwsh, requirePwsh } from '../support/pwsh';

/**
 * The practice lab's two engines against each other: for each operation, scenario, machine and case, the
 * real script run by real PowerShell on the Windows stand-in, and the TypeScript behaviour, on two copies
 * of the same machine. Their answers must be deep-equal after a JSON round trip, and the machines equal
 * afterwards. A difference is a bug in one of them; what Windows does decides which.
 */

interface Case {
  label: string;
  roles: MachineRole[];
  params: (host: SimulatedHost, scenario: ScenarioName) => Record<string, unknown>;
  /** Run on a copy of the machine whose session is not elevated too (UAC's filtered token). */
  alsoUnelevated?: boolean;
  /** Puts both copies of the machine in the state the case needs. */
  prepare?: (host: SimulatedHost) => void;
}

const ALL: MachineRole[] = ['controller', 'client', 'support'];
const TEST_MACHINES: MachineRole[] = ['client', 'support'];

function settings(scenario: ScenarioName) {
  return readinessSettingsSchema.parse(scenarios[scenario]().readiness);
}

/** The cases each operation runs on the stand-in. */
const cases: Record<string, Case[]> = {
  'system.facts': [{ label: 'facts', roles: ALL, params: () => ({}), alsoUnelevated: true }],
  'system.bootTime': [{ label: 'boot time', roles: ALL, params: () => ({}) }],
  'system.reboot': [
    { label: 'in 5 s', roles: ALL, params: () => ({ delaySeconds: 5 }), alsoUnelevated: true },
    // shutdown.exe's exit code 1190 is not about elevation (the script used to blame elevation for any code).
    { label: 'while a reboot is already scheduled', roles: ['client'], params: () => ({ delaySeconds: 0 }), prepare: (h) => (h.rebootScheduled = true) },
  ],
  'services.status': [{ label: 'HLK, OpenVPN and one that is not there', roles: ALL, params: () => ({ names: ['HLKSvc', 'WTTSvc', 'OpenVPNService', 'NoSuchService'] }) }],
  'services.restart': [
    { label: 'OpenVPNService', roles: TEST_MACHINES, params: () => ({ name: 'OpenVPNService' }), alsoUnelevated: true },
    { label: 'HLKSvc', roles: ALL, params: () => ({ name: 'HLKSvc' }) },
    { label: 'a service that is not there', roles: ['controller'], params: () => ({ name: 'NoSuchService' }) },
  ],
  'services.ensureRunning': [
    { label: 'OpenVPN started and automatic', roles: TEST_MACHINES, params: () => ({ names: ['OpenVPNService'], automaticStart: true }), alsoUnelevated: true },
    { label: 'HLK restarted', roles: ALL, params: () => ({ names: ['HLKSvc'], restart: true }), alsoUnelevated: true },
  ],
  'services.stop': [{ label: 'OpenVPN', roles: TEST_MACHINES, params: () => ({ names: ['OpenVPNService'] }), alsoUnelevated: true }],
  'network.adapters': [{ label: 'every adapter', roles: ALL, params: () => ({}) }],
  'network.renameAdapters': [
    { label: 'the first adapter to MessageDevice', roles: ALL, params: (h) => ({ renames: [{ name: h.adapters[0]!.name, newName: 'MessageDevice' }] }), alsoUnelevated: true },
    { label: 'to a name that is taken', roles: TEST_MACHINES, params: (h) => ({ renames: [{ name: h.adapters[0]!.name, newName: h.adapters[h.adapters.length - 1]!.name }] }) },
    { label: 'an adapter that is not there', roles: ['controller'], params: () => ({ renames: [{ name: 'No such adapter', newName: 'x' }] }) },
  ],
  'readiness.machine': [
    {
      label: 'what the checks read',
      roles: TEST_MACHINES,
      alsoUnelevated: true,
      params: (_h, scenario) => {
        const s = settings(scenario);
        return {
          services: [...s.hlkClientServices, ...s.openvpnServices],
          infName: s.driver.infName,
          certificate: { subject: s.testCertificate.subject ?? null, thumbprint: s.testCertificate.thumbprint ?? null },
        };
      },
    },
  ],
  'readiness.controller': [
    {
      label: 'what the checks read',
      roles: ['controller'],
      params: (_h, scenario) => {
        const s = settings(scenario);
        return { services: s.hlkControllerServices, testShare: { name: s.testShare.name, files: s.testShare.requiredFiles } };
      },
    },
  ],
  'signing.enableTestSigning': [{ label: 'test signing on', roles: TEST_MACHINES, params: () => ({}), alsoUnelevated: true }],
  'driver.removePackages': [{ label: 'oem3, oem7 and one not there', roles: TEST_MACHINES, params: () => ({ oemNumbers: [3, 7, 99] }), alsoUnelevated: true }],
  'shares.removeMappings': [
    { label: 'R:', roles: TEST_MACHINES, params: (h) => ({ localPaths: h.driveMappings.length > 0 ? [h.driveMappings[0]!.localPath] : ['R:'] }) },
  ],
};

describe('the differential suite', () => {
  it('covers every operation, or names it as not yet on the stand-in', () => {
    const unaccounted = operations.map((op) => op.name).filter((name) => !(name in cases) && !(name in notYetOnStandIn));
    expect(unaccounted, 'operations with neither stand-in cases nor a reason').toEqual([]);
    const both = Object.keys(cases).filter((name) => name in notYetOnStandIn);
    expect(both).toEqual([]);
    // What the PowerShell engine runs for real is exactly what this suite compares.
    expect(Object.keys(cases).sort()).toEqual([...onStandIn].sort());
    for (const name of [...Object.keys(cases), ...Object.keys(notYetOnStandIn)]) expect(findOperation(name), name).toBeDefined();
  });
});

type Outcome = { ok: true; result: unknown } | { ok: false; message: string; line: number };

/** JSON round trip, as the answer crosses the wire. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function runModel(host: SimulatedHost, op: string, params: Record<string, unknown>): { outcome: Outcome; rebootInSeconds: number | null } {
  let rebootInSeconds: number | null = null;
  const network = {
    hosts: () => [host],
    ping: () => {
      throw new Error('no operation on the stand-in pings');
    },
    connect: () => {
      throw new Error('no operation on the stand-in opens a TCP connection');
    },
  };
  try {
    const result = behaviourFor(op)!({ host, network, scheduleReboot: (ms) => (rebootInSeconds = ms / 1000) }, wire(params));
    return { outcome: { ok: true, result: wire(result ?? null) }, rebootInSeconds };
  } catch (e) {
    if (e instanceof SimulatedScriptError) return { outcome: { ok: false, message: e.message, line: e.line }, rebootInSeconds };
    throw e;
  }
}

/** `now` is the machine's clock when it answered: the two answers were a moment apart. */
function withoutClock(outcome: Outcome): Outcome {
  if (!outcome.ok || typeof outcome.result !== 'object' || outcome.result === null || !('now' in outcome.result)) return outcome;
  const { now, ...rest } = outcome.result as { now: string };
  expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5 * 60_000);
  return { ok: true, result: rest };
}

describePwsh('the real scripts on the Windows stand-in agree with the practice lab model', () => {
  let dir: string;
  let powershell: StandInPowerShell;
  let powershellVersion: string;
  const noise: string[] = [];
  const stderr: string[] = [];
  let requestId = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-differential-'));
    const first = new SimulatedHost(scenarios.ready().hosts[0]!);
    powershell = new StandInPowerShell(requirePwsh(), first, join(dir, 'state.json'));
    powershell.attach(
      (l) => noise.push(l),
      (c) => stderr.push(c.toString()),
      () => undefined,
    );
    const ready = decodeAnswer(await powershell.start(LOOP_SCRIPT_LINE, 150_000));
    if (!ready.ok) throw new Error(`the request loop did not start: ${ready.error.message}`);
    powershellVersion = (ready.result as { powershell: string }).powershell;
  }, 180_000);

  afterAll(async () => {
    powershell?.end();
    powershell?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function runScript(host: SimulatedHost, op: string, params: Record<string, unknown>): Promise<{ outcome: Outcome; rebootInSeconds: number | null }> {
    const definition = findOperation(op)!;
    powershell.host = host;
    const line = encodeRequest({ id: `d${++requestId}`, op, sha: scriptSha(definition.script), script: definition.script, params });
    const { frame, rebootInSeconds } = await powershell.request(line, 60_000);
    const answer = decodeAnswer(frame);
    return { outcome: answer.ok ? { ok: true, result: answer.result } : { ok: false, message: answer.error.message, line: answer.error.line }, rebootInSeconds };
  }

  for (const scenario of scenarioNames) {
    const specs: SimulatedHostSpec[] = scenarios[scenario]().hosts;
    for (const [op, opCases] of Object.entries(cases)) {
      for (const c of opCases) {
        for (const spec of specs.filter((s) => c.roles.includes(s.role))) {
          for (const elevated of c.alsoUnelevated ? [true, false] : [true]) {
            const title = `${op} (${c.label}) on ${scenario}/${spec.name}${elevated ? '' : ', not elevated'}`;
            it(title, async () => {
              const bootTime = new Date(Date.now() - 3 * 3600_000);
              const model = new SimulatedHost(spec, bootTime);
              const real = new SimulatedHost(spec, bootTime);
              for (const h of [model, real]) {
                h.system.powershellVersion = powershellVersion;
                if (!elevated) h.system.elevated = false;
                c.prepare?.(h);
              }
              const params = findOperation(op)!.params.parse(c.params(model, scenario)) as Record<string, unknown>;
              const fromModel = runModel(model, op, params);
              const fromScript = await runScript(real, op, params);
              expect(withoutClock(wire(fromScript.outcome)), 'the script on the stand-in, against the model').toEqual(withoutClock(wire(fromModel.outcome)));
              expect(wire(standInState(real)), 'the machine after the script, against the machine after the model').toEqual(wire(standInState(model)));
              expect(fromScript.rebootInSeconds, 'the reboot asked for').toEqual(fromModel.rebootInSeconds);
            });
          }
        }
      }
    }
  }

  it('printed nothing besides the answers: no stand-in error went unnoticed', () => {
    expect(stderr.join('')).toBe('');
    expect(noise).toEqual([]);
  });
});
