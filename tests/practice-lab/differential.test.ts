import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineRole } from '../../shared/lab';
import { findOperation, operations } from '../../shared/operations';
import { readinessSettingsSchema } from '../../shared/readiness/settings';
import { decodeAnswer, encodeRequest, LOOP_SCRIPT_LINE, scriptSha } from '../../electron/transport/framing';
import { behaviourFor, SimulatedScriptError } from '../../electron/practice-lab/behaviours';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { practiceCertificate } from '../../electron/practice-lab/practice-certificate';
import { practiceDriverFolder, scenarioNames, scenarios, type ScenarioName } from '../../electron/practice-lab/scenarios';
import { SimulatedHost, type SimulatedHostSpec } from '../../electron/practice-lab/simulated-host';
import { notYetOnStandIn, onStandIn } from '../../electron/practice-lab/windows-stand-in/coverage';
import { standInState } from '../../electron/practice-lab/windows-stand-in/machine-state';
import { StandInPowerShell } from '../../electron/practice-lab/windows-stand-in/stand-in-powershell';
import { describePwsh, requirePwsh } from '../support/pwsh';
import { DRIVER_STORE_FOLDER, SUBMISSION_FOLDER } from '../../electron/practice-lab/practice-driver-packages';

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

/** The lab's computer names by role in a scenario, as HLK knows its machines. */
function computers(scenario: ScenarioName, role: MachineRole): string[] {
  return scenarios[scenario]()
    .hosts.filter((h) => h.role === role)
    .map((h) => h.system.computerName);
}

const PROJECT = 'tap-windows6';
const PLAYLIST_FOLDER = 'C:\\HLK\\Playlists';
const SERVER_PLAYLIST = `${PLAYLIST_FOLDER}\\HLK Version 1809 CompatPlaylist x64 Server.xml`;
const testIdOf = (name: string) => testId(name);
const studioOf = (h: SimulatedHost) => h.hlkStudio!;

/** The HLK object model's operations, on the controller: the C# stand-in against hlk-behaviours.ts. */
const hlkCases: Record<string, Case[]> = {
  'hlk.machines': [
    { label: 'every machine', roles: ['controller'], params: () => ({}) },
    { label: 'while HLK Studio is open', roles: ['controller'], params: () => ({}), prepare: (h) => (studioOf(h).inUse = true) },
    { label: 'with an assembly missing', roles: ['controller'], params: () => ({}), prepare: (h) => (studioOf(h).missingAssemblies = ['Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll']) },
  ],
  'hlk.setMachineReady': [
    { label: 'the first client', roles: ['controller'], params: (_h, s) => ({ machine: computers(s, 'client')[0] }) },
    {
      label: 'a machine in the Default Pool',
      roles: ['controller'],
      params: (_h, s) => ({ machine: computers(s, 'client')[0] }),
      prepare: (h) => studioOf(h).machines.forEach((m) => (m.pool = '$\\Default Pool')),
    },
  ],
  'hlk.pools': [{ label: 'every pool', roles: ['controller'], params: () => ({}) }],
  'hlk.createPool': [
    { label: 'the lab\'s pool', roles: ['controller'], params: () => ({ name: 'tap-windows6' }) },
    { label: 'a new pool', roles: ['controller'], params: () => ({ name: 'Another pool' }) },
  ],
  'hlk.arrangePool': [
    { label: 'clients first', roles: ['controller'], params: (_h, s) => ({ pool: 'tap-windows6', clients: computers(s, 'client'), supports: computers(s, 'support') }) },
  ],
  // Project status is HLK's ProjectStatus: NotRunning, Passing or Running (a failure is not a status of its own).
  'hlk.projects': [
    { label: 'every project', roles: ['controller'], params: () => ({}) },
    {
      label: 'every test passed',
      roles: ['controller'],
      params: () => ({}),
      prepare: (h) => {
        const queuedAt = Date.parse('2026-11-04T10:00:00Z');
        for (const project of studioOf(h).projects) for (const t of project.tests) t.runs = [{ queuedAt, client: 'HLK-CLIENT1', support: null, status: 'Passed', startedAt: queuedAt + 60_000, completedAt: queuedAt + 600_000 }];
      },
    },
    {
      label: 'a failure and nothing running',
      roles: ['controller'],
      params: () => ({}),
      prepare: (h) => {
        const queuedAt = Date.parse('2026-11-04T10:00:00Z');
        for (const project of studioOf(h).projects) {
          for (const t of project.tests) t.runs = t.runs.filter((r) => r.status === 'Passed' || r.status === 'Failed');
          const test = project.tests.find((t) => t.name === lanTests.registry.name)!;
          test.runs = [{ queuedAt, client: 'HLK-CLIENT1', support: null, status: 'Failed', startedAt: queuedAt + 60_000, completedAt: queuedAt + 600_000 }];
        }
      },
    },
  ],
  'hlk.createProject': [
    { label: 'the lab\'s project', roles: ['controller'], params: () => ({ name: PROJECT }) },
    { label: 'a new project', roles: ['controller'], params: () => ({ name: 'Another project' }) },
  ],
  'hlk.project': [
    { label: 'the lab\'s project', roles: ['controller'], params: () => ({ name: PROJECT }) },
    { label: 'on an older kit', roles: ['controller'], params: () => ({ name: PROJECT }), prepare: (h) => (studioOf(h).olderKit = true) },
  ],
  'hlk.addFeature': [{ label: 'LAN.PM on the TAP targets', roles: ['controller'], params: () => ({ project: PROJECT, hardwareId: 'tap0901', feature: 'Device.Network.LAN.PM' }) }],
  'hlk.playlists': [
    { label: 'the playlist folder', roles: ['controller'], params: () => ({ folder: PLAYLIST_FOLDER }) },
    { label: 'a folder that is not there', roles: ['controller'], params: () => ({ folder: 'C:\\NoPlaylists' }) },
  ],
  'hlk.loadPlaylist': [
    { label: 'the Server playlist', roles: ['controller'], params: () => ({ project: PROJECT, path: SERVER_PLAYLIST }) },
    { label: 'a file that is not there', roles: ['controller'], params: () => ({ project: PROJECT, path: `${PLAYLIST_FOLDER}\\none.xml` }) },
    // Older kits' PlaylistManager has no IsPlaylistLoaded: the script called it unguarded.
    { label: 'on an older kit', roles: ['controller'], params: () => ({ project: PROJECT, path: SERVER_PLAYLIST }), prepare: (h) => (studioOf(h).olderKit = true) },
  ],
  'hlk.tests': [
    { label: 'the lab\'s project', roles: ['controller'], params: () => ({ project: PROJECT }) },
    {
      // The latest result is the one with the highest InstanceId, not the last one GetTestResults lists.
      label: 'a test run twice',
      roles: ['controller'],
      params: () => ({ project: PROJECT }),
      prepare: (h) => {
        for (const project of studioOf(h).projects) {
          const test = project.tests.find((t) => t.name === lanTests.staticTools.name)!;
          const run = (status: 'Passed' | 'Failed', client: string, queued: string) => {
            const queuedAt = Date.parse(queued);
            return { queuedAt, client, support: null, status, startedAt: queuedAt + 60_000, completedAt: queuedAt + 600_000 };
          };
          test.runs = [run('Passed', 'HLK-CLIENT1', '2026-11-01T10:00:00Z'), run('Failed', 'HLK-CLIENT2', '2026-11-02T10:00:00Z')];
        }
      },
    },
  ],
  'hlk.submissionTests': [
    { label: 'the lab\'s project', roles: ['controller'], params: () => ({ project: PROJECT }) },
    { label: 'with the Server playlist loaded', roles: ['controller'], params: () => ({ project: PROJECT }), prepare: (h) => studioOf(h).projects.forEach((p) => (p.playlist = SERVER_PLAYLIST)) },
    {
      label: 'a failure the filters accepted',
      roles: ['controller'],
      params: () => ({ project: PROJECT }),
      prepare: (h) => {
        for (const project of studioOf(h).projects) {
          const test = project.tests.find((t) => t.name === lanTests.registry.name)!;
          const queuedAt = Date.parse('2026-11-03T10:00:00Z');
          test.runs = [{ queuedAt, client: 'HLK-CLIENT1', support: null, status: 'Failed', startedAt: queuedAt + 60_000, completedAt: queuedAt + 600_000 }];
          test.filtersApplied = true;
        }
      },
    },
    { label: 'a project that is not there', roles: ['controller'], params: () => ({ project: 'No such project' }) },
  ],
  'hlk.rerunTest': [
    { label: 'LinkCheck with the support machine', roles: ['controller'], params: (_h, s) => ({ project: PROJECT, test: testIdOf(lanTests.linkCheck.name), support: computers(s, 'support')[0] ?? null }) },
    { label: '1c_Registry on one machine', roles: ['controller'], params: () => ({ project: PROJECT, test: testIdOf(lanTests.registry.name), support: null }) },
    { label: 'a test that is not there', roles: ['controller'], params: () => ({ project: PROJECT, test: '00000000-0000-0000-0000-000000000000', support: null }) },
  ],
};

/** tapdiag on the clients and the support machine: the stand-in's tapdiag.exe, registry and adapters against tapdiag-behaviours.ts. */
const tapdiag = (scenario: ScenarioName) => ({ toolPath: settings(scenario).tapdiagPath, hardwareId: 'tap0901' });
const tapdiagCases: Record<string, Case[]> = {
  'tapdiag.status': [
    { label: 'where the lab says', roles: TEST_MACHINES, params: (_h, s) => tapdiag(s) },
    { label: 'a path where it is not', roles: ['client'], params: () => ({ toolPath: 'C:\\Tools\\tapdiag.exe', hardwareId: 'tap0901' }) },
  ],
  'tapdiag.enable': [
    { label: 'with the OpenVPN services', roles: TEST_MACHINES, params: (_h, s) => ({ ...tapdiag(s), openvpnServices: settings(s).openvpnServices }), alsoUnelevated: true },
    { label: 'after tapdiag unplugged the cable', roles: ['client'], params: (_h, s) => ({ ...tapdiag(s), openvpnServices: settings(s).openvpnServices }), prepare: (h) => (h.tapDriver.link = 'off') },
  ],
  'tapdiag.setLink': [
    { label: 'off', roles: TEST_MACHINES, params: (_h, s) => ({ ...tapdiag(s), link: 'off' }), alsoUnelevated: true },
    { label: 'on again', roles: ['client'], params: (_h, s) => ({ ...tapdiag(s), link: 'on' }), prepare: (h) => (h.tapDriver.link = 'off') },
  ],
  'tapdiag.setQ': [
    { label: 'on', roles: TEST_MACHINES, params: (_h, s) => ({ toolPath: settings(s).tapdiagPath, mode: 'on' }), alsoUnelevated: true },
    { label: 'always', roles: ['support'], params: (_h, s) => ({ toolPath: settings(s).tapdiagPath, mode: 'always' }) },
  ],
};

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
  // .NET's X509Certificate2 reads the certificate on either engine; only the stores are the stand-in's. Bad
  // base64 is not compared: .NET Framework's message ends ". " where PowerShell 7's .NET ends ".", and the
  // model says what Windows PowerShell 5.1 says.
  'signing.importCertificate': [
    { label: 'the lab\'s test certificate', roles: TEST_MACHINES, params: () => ({ certificate: practiceCertificate().der.toString('base64') }), alsoUnelevated: true },
  ],
  'driver.removePackages': [{ label: 'oem3, oem7 and one not there', roles: TEST_MACHINES, params: () => ({ oemNumbers: [3, 7, 99] }), alsoUnelevated: true }],
  'signing.driverReport': [
    { label: 'the package kept for the submission', roles: ['controller'], params: () => ({ folder: SUBMISSION_FOLDER }) },
    // Fresh machines have no driver in their store: the folder is not there.
    { label: 'the copy in the driver store', roles: TEST_MACHINES, params: () => ({ folder: `${DRIVER_STORE_FOLDER}\\` }) },
    { label: 'a folder without an INF', roles: ['controller'], params: () => ({ folder: 'C:\\HLK\\Submission' }) },
    { label: 'the installed INF found in the driver store', roles: ALL, params: () => ({ storedInf: 'OemVista.inf' }) },
    {
      label: 'two copies in the driver store',
      roles: ['client'],
      params: () => ({ storedInf: 'oemvista.inf' }),
      prepare: (h) => h.driverFolders.push({ path: `${DRIVER_STORE_FOLDER.replace(/_[0-9a-f]+$/, '')}_0badc0de00000000`, files: [] }),
    },
  ],
  'signing.attestationCab': [
    {
      label: 'the package kept for the submission',
      roles: ['controller'],
      params: () => ({ folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab' }),
    },
    {
      label: 'symbols asked for, written over an earlier cabinet',
      roles: ['controller'],
      params: () => ({ folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'tap0901-amd64.cab', includeSymbols: true }),
      prepare: (h) => {
        h.driverFolders[0]?.files.push({ name: 'tap0901.pdb', text: 'symbols', signer: null });
        h.madeFiles.push({ path: 'C:\\HLK\\Attestation\\tap0901-amd64.cab', kind: 'file', text: '', bytes: 7 });
      },
    },
    {
      label: 'the output folder inside the package',
      roles: ['controller'],
      params: () => ({ folder: SUBMISSION_FOLDER, outputFolder: `${SUBMISSION_FOLDER}\\out`, cabName: 'x.cab' }),
    },
    {
      label: 'makecab missing',
      roles: ['controller'],
      params: () => ({ folder: SUBMISSION_FOLDER, outputFolder: 'C:\\HLK\\Attestation', cabName: 'x.cab' }),
      prepare: (h) => h.missingCommands.add('makecab.exe'),
    },
  ],
  'driver.install': [
    {
      label: 'from a folder with tapinstall',
      roles: TEST_MACHINES,
      alsoUnelevated: true,
      prepare: (h) => (h.storedFiles = practiceDriverFolder('C:\\Drivers\\tap')),
      params: () => ({ folder: 'C:\\Drivers\\tap\\', infName: 'OemVista.inf', hardwareId: 'tap0901' }),
    },
    {
      label: 'an older build with pnputil only',
      roles: TEST_MACHINES,
      prepare: (h) => (h.storedFiles = practiceDriverFolder('C:\\Drivers\\old', { version: '9.21.2.0', date: '04/26/2016', linkSpeedBps: 1e8 }, false)),
      params: () => ({ folder: 'C:\\Drivers\\old', infName: 'oemvista.inf', hardwareId: 'tap0901' }),
    },
    { label: 'a folder without the INF', roles: ['client'], params: () => ({ folder: 'C:\\Nowhere', infName: 'OemVista.inf', hardwareId: 'tap0901' }) },
    {
      label: 'an INF without DriverVer',
      roles: ['support'],
      prepare: (h) => (h.storedFiles = [{ path: 'C:\\D\\x.inf', text: '[Version]\r\nClass = Net\r\n' }]),
      params: () => ({ folder: 'C:\\D', infName: 'x.inf', hardwareId: 'tap0901' }),
    },
  ],
  'hvci.status': [
    { label: 'tap0901.sys', roles: TEST_MACHINES, params: () => ({ driverFile: 'tap0901.sys' }), alsoUnelevated: true },
    {
      label: 'configured, before the reboot, another driver verified',
      roles: ['client'],
      prepare: (h) => {
        h.deviceGuard = { capable: true, registry: { EnableVirtualizationBasedSecurity: 1, HypervisorEnforcedCodeIntegrity: 1 }, running: false };
        h.verifier = { drivers: ['ndis.sys', 'TAP0901.SYS'], flags: 0x209bb };
      },
      params: () => ({ driverFile: 'tap0901.sys' }),
    },
  ],
  'hvci.enable': [
    { label: 'for tap0901.sys', roles: TEST_MACHINES, params: () => ({ driverFile: 'tap0901.sys' }), alsoUnelevated: true },
    {
      label: 'kept with the flags and drivers already verified',
      roles: ['support'],
      prepare: (h) => (h.verifier = { drivers: ['ndis.sys'], flags: 0x209bb }),
      params: () => ({ driverFile: 'tap0901.sys' }),
    },
  ],
  'shares.removeMappings': [
    { label: 'R:', roles: TEST_MACHINES, params: (h) => ({ localPaths: h.driveMappings.length > 0 ? [h.driveMappings[0]!.localPath] : ['R:'] }) },
  ],
  ...hlkCases,
  ...tapdiagCases,
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

function runModel(host: SimulatedHost, op: string, params: Record<string, unknown>, now: number): { outcome: Outcome; rebootInSeconds: number | null } {
  let rebootInSeconds: number | null = null;
  const network = {
    hosts: () => [host],
    ping: () => {
      throw new Error('no operation on the stand-in pings');
    },
    connect: () => {
      throw new Error('no operation on the stand-in opens a TCP connection');
    },
    now: () => now,
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

/**
 * A machine's state with the times an operation just wrote (HLK's heartbeats, modification times, queued runs)
 * as "now": the model and the script ran a moment apart.
 */
function withoutNow(state: unknown): unknown {
  const recent = (ms: number) => Math.abs(ms - Date.now()) < 5 * 60_000;
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'number' && /At$/.test(key) && recent(v)) return 'now';
    if (typeof v === 'string' && /^(lastHeartbeat|createdAt|modifiedAt)$/.test(key) && recent(Date.parse(v))) return 'now';
    return v;
  };
  return walk(state, '');
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

  async function runScript(host: SimulatedHost, op: string, params: Record<string, unknown>, now: number): Promise<{ outcome: Outcome; rebootInSeconds: number | null }> {
    const definition = findOperation(op)!;
    powershell.host = host;
    const line = encodeRequest({ id: `d${++requestId}`, op, sha: scriptSha(definition.script), script: definition.script, params });
    const { frame, rebootInSeconds } = await powershell.request(line, 60_000, [host], now);
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
              // One clock for both: HLK's tests and heartbeats move on the lab's time before an hlk.* operation.
              const now = Date.now();
              const fromModel = runModel(model, op, params, now);
              const fromScript = await runScript(real, op, params, now);
              expect(withoutClock(wire(fromScript.outcome)), 'the script on the stand-in, against the model').toEqual(withoutClock(wire(fromModel.outcome)));
              expect(withoutNow(wire(standInState(real))), 'the machine after the script, against the machine after the model').toEqual(withoutNow(wire(standInState(model))));
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
