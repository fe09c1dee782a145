import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckStatus } from '../../shared/readiness/results';
import { checks, checksFor } from '../../shared/readiness/checks';
import type { ScenarioName } from '../../electron/practice-lab/scenarios';
import { readinessLab, type ReadinessLab } from '../support/readiness';

/**
 * Every check over SSH against the practice lab: all pass on 'ready'; on 'broken' and 'fresh' exactly
 * the expected ones fail or warn, with the reason an operator needs; the rest fail when the state they
 * read is broken on purpose. Together the tables show that no check passes whatever it reads.
 */

interface Expected {
  machine: string;
  check: string;
  status: Exclude<CheckStatus, 'pass'>;
  evidence: RegExp;
  /** The fix offered, if any. */
  fix?: string;
}

const brokenExpected: Expected[] = [
  { machine: 'controller', check: 'ndistest-binaries', status: 'fail', evidence: /lacks .*ntndis62\\ndprot62\.sys, .*ntndis61\\ndprot61\.sys and .*ntndis6\\ndprot60\.sys$/ },
  { machine: 'client1', check: 'driver-store', status: 'fail', evidence: /^2 versions of oemvista\.inf in the driver store: oem7\.inf 9\.21\.2\.0 .* and oem12\.inf 9\.24\.6\.601 .* in use; a reinstall may silently pick an old one$/, fix: 'remove-stale-driver-packages' },
  { machine: 'client1', check: 'openvpn-service', status: 'fail', evidence: /^OpenVPNService is Stopped, start type Manual/, fix: 'start-openvpn-service' },
  { machine: 'client1', check: 'openvpn-verbosity', status: 'warn', evidence: /^verb 11 in C:\\Program Files\\OpenVPN\\config\\hlk\.ovpn: above 4 OpenVPN logs every packet/ },
  { machine: 'client1', check: 'tap-ipv6', status: 'fail', evidence: /^'Ethernet 2' \(Disconnected\): no IPv6 gateway/ },
  { machine: 'client1', check: 'vpn-ping', status: 'fail', evidence: /^2001:db8:6666::2 \(VPN peer, support\): DestinationHostUnreachable$/ },
  { machine: 'client1', check: 'network-drives', status: 'fail', evidence: /^R: to \\\\HLK-CONTROLLER\\HLKInstall is Unavailable$/, fix: 'remove-unavailable-drives' },
  { machine: 'client1', check: 'hlk-machine-status', status: 'fail', evidence: /^HLK-CLIENT1 is NotReady in \$\\tap-windows6, last heartbeat 42 min ago$/, fix: 'set-hlk-ready' },
  { machine: 'client2', check: 'windows-build', status: 'fail', evidence: /build 18362\.1256; HLK 1809 is made for .*\(build 17763\)$/ },
  { machine: 'client2', check: 'processor-cores', status: 'fail', evidence: /^2 cores .*; Server certification needs at least 4$/ },
  { machine: 'client2', check: 'physical-machine', status: 'warn', evidence: /^innotek GmbH VirtualBox: a virtual machine/ },
  { machine: 'client2', check: 'test-signing', status: 'fail', evidence: /^off \(bcdedit testsigning No\)$/, fix: 'enable-test-signing' },
  { machine: 'client2', check: 'test-certificate', status: 'fail', evidence: /is not in Root and TrustedPublisher$/, fix: 'import-test-certificate' },
  { machine: 'client2', check: 'tap-ipv6', status: 'fail', evidence: /^'Ethernet 2': no IPv6 gateway \(no ::\/0 route\)$/ },
  { machine: 'client2', check: 'adapter-names', status: 'fail', evidence: /^no adapter is named MessageDevice \(the LAN adapter is 'Ethernet'\)$/, fix: 'rename-adapters' },
  { machine: 'client2', check: 'pending-reboot', status: 'warn', evidence: /^a reboot is pending \(Windows Update\)$/, fix: 'reboot' },
  { machine: 'support', check: 'same-build-as-clients', status: 'fail', evidence: /^support runs build 17763; client2 runs 18362$/ },
  { machine: 'support', check: 'driver-version-matches', status: 'fail', evidence: /^support has 9\.21\.2\.0; client1 has 9\.24\.6\.601 and client2 has 9\.24\.6\.601/ },
  { machine: 'support', check: 'link-speed-matches', status: 'fail', evidence: /^support advertises 100 Mbps; client1 1 Gbps and client2 1 Gbps: E2EPerf will stop with "Support Adapter must be connected at a link speed greater than or equal to the Test Adapter"$/ },
  { machine: 'support', check: 'adapter-names', status: 'fail', evidence: /MessageDevice \(the LAN adapter is 'Ethernet'\); no adapter is named SupportDevice0 \(the TAP adapter is 'Ethernet 3'\)$/, fix: 'rename-adapters' },
];

const unprepared = (machine: string, role: 'client' | 'support'): Expected[] => [
  { machine, check: 'hlk-client', status: 'fail', evidence: /^the HLK client is not installed \(no HLKSvc service\)/ },
  { machine, check: 'test-signing', status: 'fail', evidence: /^off/, fix: 'enable-test-signing' },
  { machine, check: 'test-certificate', status: 'fail', evidence: /is not in Root and TrustedPublisher$/, fix: 'import-test-certificate' },
  { machine, check: 'hvci', status: 'warn', evidence: /^HVCI is off \(virtualization-based security off\); Driver Verifier verifies no driver$/, fix: 'enable-hvci' },
  { machine, check: 'driver-installed', status: 'fail', evidence: /^no adapter with hardware id tap0901 \(TAP-Windows Adapter V9\): the driver under test is not installed \(tapinstall install OemVista\.inf tap0901\)$/, fix: 'install-driver' },
  { machine, check: 'driver-store', status: 'fail', evidence: /^no oemvista\.inf package in the driver store$/, fix: 'install-driver' },
  { machine, check: 'openvpn-installed', status: 'fail', evidence: /^OpenVPN is not installed/ },
  { machine, check: 'openvpn-service', status: 'fail', evidence: /^no OpenVPN service \(OpenVPNService and OpenVPNServiceLegacy\)$/ },
  { machine, check: 'openvpn-verbosity', status: 'fail', evidence: /OpenVPN is not installed$/ },
  { machine, check: 'tap-ipv6', status: 'fail', evidence: /^no TAP-Windows Adapter V9 adapter$/ },
  { machine, check: 'adapter-names', status: 'fail', evidence: /^no adapter is named MessageDevice \(the LAN adapter is 'Ethernet'\)/, fix: 'rename-adapters' },
  { machine, check: 'hlk-machine-status', status: 'fail', evidence: /^HLK on HLK-CONTROLLER does not know HLK-/ },
  ...(role === 'client'
    ? [{ machine, check: 'vpn-ping', status: 'fail', evidence: /^2001:db8:6666::2 \(VPN peer\): DestinationHostUnreachable$/ } as const]
    : [
        { machine, check: 'driver-version-matches', status: 'fail', evidence: /^no TAP-Windows Adapter V9 adapter on support$/ } as const,
        { machine, check: 'link-speed-matches', status: 'fail', evidence: /^no TAP-Windows Adapter V9 adapter on support$/ } as const,
      ]),
];

const freshExpected: Expected[] = [
  { machine: 'controller', check: 'hlk-machines', status: 'fail', evidence: /knows no machine; it does not know client1 \(HLK-CLIENT1\), client2 \(HLK-CLIENT2\) and support \(HLK-SUPPORT\)$/ },
  ...unprepared('client1', 'client'),
  ...unprepared('client2', 'client'),
  ...unprepared('support', 'support'),
];

/** State the scenarios leave alone, broken on purpose on 'ready', then put back. */
interface Mutation extends Expected {
  what: string;
  apply(r: ReadinessLab): Promise<void> | void;
  undo(r: ReadinessLab): Promise<void> | void;
}

const mutations: Mutation[] = [
  {
    what: 'a nearly full system drive',
    machine: 'client1',
    check: 'free-space',
    status: 'fail',
    evidence: /^C: has 1\.5 GB free of 237\.9 GB; keep at least 10 GB free$/,
    apply: (r) => void (r.lab.host('client1').system.systemDriveFreeBytes = 1.5 * 1024 ** 3),
    undo: (r) => void (r.lab.host('client1').system.systemDriveFreeBytes = 84.2 * 1024 ** 3),
  },
  {
    what: 'a machine that is not connected',
    machine: 'client2',
    check: 'reachable',
    status: 'fail',
    evidence: /^not connected \(idle: disconnected by the operator\)$/,
    apply: (r) => r.machines.find((m) => m.name === 'client2')!.disconnect(),
    undo: (r) => r.connectAll(),
  },
  {
    what: 'HLK Studio missing on the controller',
    machine: 'controller',
    check: 'hlk-studio',
    status: 'fail',
    evidence: /^HLK Studio is not installed \(WTTSTDIO is not set\)$/,
    apply: (r) => {
      const studio = r.lab.host('controller').hlkStudio;
      saved.set('studio', studio);
      r.lab.host('controller').hlkStudio = null;
    },
    undo: (r) => void (r.lab.host('controller').hlkStudio = saved.get('studio') as never),
  },
  {
    what: 'the controller\'s HLKSvc stopped',
    machine: 'controller',
    check: 'hlk-controller-services',
    status: 'fail',
    evidence: /^HLKSvc is Stopped, start type Automatic$/,
    fix: 'restart-hlk-services',
    apply: (r) => void (r.lab.host('controller').service('HLKSvc')!.status = 'Stopped'),
    undo: (r) => void (r.lab.host('controller').service('HLKSvc')!.status = 'Running'),
  },
  {
    what: 'the controller\'s HLKSvc stopped, seen from a client',
    machine: 'client1',
    check: 'controller-ports',
    status: 'fail',
    evidence: /^HLK-CONTROLLER: TCP 1782: No connection could be made because the target machine actively refused it 10\.0\.250\.1:1782$/,
    apply: (r) => void (r.lab.host('controller').service('HLKSvc')!.status = 'Stopped'),
    undo: (r) => void (r.lab.host('controller').service('HLKSvc')!.status = 'Running'),
  },
  {
    what: 'the HLK client service stopped',
    machine: 'client1',
    check: 'hlk-client',
    status: 'fail',
    evidence: /^HLKSvc is Stopped, start type Automatic$/,
    fix: 'start-hlk-client-services',
    apply: (r) => void (r.lab.host('client1').service('HLKSvc')!.status = 'Stopped'),
    undo: (r) => void (r.lab.host('client1').service('HLKSvc')!.status = 'Running'),
  },
  {
    what: 'a reboot nobody has acknowledged yet',
    machine: 'client2',
    check: 'last-boot',
    status: 'warn',
    evidence: /^rebooted, up since .* \(\d+ s\): apply tapdiag settings again/,
    apply: async (r) => {
      const machine = r.machines.find((m) => m.name === 'client2')!;
      const before = machine.view().facts!.lastBootTime;
      r.lab.reboot('client2');
      await until(() => machine.connectionState === 'connected' && machine.view().facts?.lastBootTime !== before);
    },
    undo: (r) => r.machines.find((m) => m.name === 'client2')!.acknowledgeReboot(),
  },
  {
    what: 'a machine HLK lists as Initializing',
    machine: 'support',
    check: 'hlk-machine-status',
    status: 'warn',
    evidence: /^HLK-SUPPORT is Initializing in \$\\tap-windows6, .*: if it stays there, restart its HLK client service or reboot it$/,
    apply: (r) => void (r.lab.host('controller').hlkStudio!.machines.find((m) => m.name === 'HLK-SUPPORT')!.status = 'Initializing'),
    undo: (r) => void (r.lab.host('controller').hlkStudio!.machines.find((m) => m.name === 'HLK-SUPPORT')!.status = 'Ready'),
  },
];
const saved = new Map<string, unknown>();

async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function scenarioLab(scenario: ScenarioName): { get: () => ReadinessLab } {
  let r: ReadinessLab;
  beforeAll(async () => {
    r = await readinessLab({ scenario });
    await r.connectAll();
    await r.engine.run();
  });
  afterAll(async () => r?.cleanup());
  return { get: () => r };
}

function expectExactly(r: ReadinessLab, expected: Expected[]): void {
  const snapshot = r.engine.snapshot();
  for (const m of snapshot.machines) {
    expect(m.checks.map((c) => c.check), m.machine).toEqual(checksFor(m.role).map((c) => c.id));
    for (const c of m.checks) {
      const wanted = expected.find((e) => e.machine === m.machine && e.check === c.check);
      const seen = { machine: m.machine, check: c.check, status: c.status, evidence: c.evidence, fix: c.fix?.fix };
      if (!wanted) {
        expect(seen).toMatchObject({ status: 'pass' });
        continue;
      }
      expect(seen).toMatchObject({ status: wanted.status, evidence: expect.stringMatching(wanted.evidence), fix: wanted.fix });
    }
    const blocking = expected.some((e) => e.machine === m.machine && e.status === 'fail');
    expect(m.ready, m.machine).toBe(!blocking);
  }
}

describe("on 'ready'", () => {
  const lab = scenarioLab('ready');

  test('every check of every machine passes, and every machine is ready', () => {
    expectExactly(lab.get(), []);
    for (const m of lab.get().engine.snapshot().machines) expect(m.summary).toBe('ready');
  });

  test.each(mutations.map((m) => [m.what, m] as const))('fails on %s, with the reason', async (_what, mutation) => {
    const r = lab.get();
    await mutation.apply(r);
    try {
      await r.engine.run({ machine: mutation.machine, check: mutation.check });
      const result = r.result(mutation.machine, mutation.check);
      expect({ status: result.status, evidence: result.evidence, fix: result.fix?.fix }).toMatchObject({
        status: mutation.status,
        evidence: expect.stringMatching(mutation.evidence),
        fix: mutation.fix,
      });
    } finally {
      await mutation.undo(r);
    }
    await r.engine.run({ machine: mutation.machine });
    expect(r.result(mutation.machine, mutation.check).status).toBe('pass');
  });
});

describe("on 'broken'", () => {
  const lab = scenarioLab('broken');

  test('exactly the wiki\'s failures fail or warn, each with its reason and fix', () => {
    expectExactly(lab.get(), brokenExpected);
  });

  test('says per machine in one line what is wrong', () => {
    const summaries = Object.fromEntries(lab.get().engine.snapshot().machines.map((m) => [m.machine, m.summary]));
    expect(summaries.controller).toMatch(/^not ready: NDISTest binaries on the test share: /);
    expect(summaries.client1).toMatch(/^not ready: One version of the driver package in the driver store: .*; and 3 more$/);
    expect(summaries.support).toMatch(/^not ready: Same Windows build as the clients: support runs build 17763; client2 runs 18362; /);
  });
});

describe("on 'fresh'", () => {
  const lab = scenarioLab('fresh');

  test('everything not yet prepared fails, with its reason and the fixes that apply', () => {
    expectExactly(lab.get(), freshExpected);
  });
});

test('every check can fail or warn: each appears in one of the tables', () => {
  const covered = new Set([...brokenExpected, ...freshExpected, ...mutations].map((e) => e.check));
  expect(checks.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
});
