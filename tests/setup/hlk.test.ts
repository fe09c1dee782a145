import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HlkOutcome, HlkTestView } from '../../shared/hlk/views';
import { choosePlaylist, parsePlaylistName, type PlaylistFile } from '../../shared/hlk/playlists';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { serviceLab, until, type ServiceLab } from './service-lab';

/**
 * HLK Studio through its object model on the simulated controller, through the api: pools arranged clients
 * first and verified, product types with LAN or the plain advice, the playlist that fits the kit and the
 * architecture, tests moving through queued, running, passed or failed with their roles and known remedies,
 * a rerun, and HLK Studio open on the controller said plainly.
 */

function value<T>(outcome: HlkOutcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.value;
}

describe('choosing the compatibility playlist by kit and architecture', () => {
  const files: PlaylistFile[] = [
    'HLK Version 1809 CompatPlaylist x64 Server.xml',
    'HLK Version 1809 CompatPlaylist x86 x64 ARM64.xml',
    'HLK Version 1903 CompatPlaylist x86 x64 ARM64.xml',
    'HLK Version 21H2 CompatPlaylist x64 ARM64.xml',
    'HLK Version 2022 CompatPlaylist x64 Server.xml',
    'readme.xml',
  ].map((name) => ({ name, path: `C:\\HLK\\Playlists\\${name}` }));

  test.each([
    ['1809', 'x64', true, 'HLK Version 1809 CompatPlaylist x64 Server.xml'],
    ['1809', 'x64', false, 'HLK Version 1809 CompatPlaylist x86 x64 ARM64.xml'],
    ['1809', 'x86', false, 'HLK Version 1809 CompatPlaylist x86 x64 ARM64.xml'],
    ['1903', 'ARM64', false, 'HLK Version 1903 CompatPlaylist x86 x64 ARM64.xml'],
    ['21H2', 'x64', false, 'HLK Version 21H2 CompatPlaylist x64 ARM64.xml'],
    ['server2022', 'x64', true, 'HLK Version 2022 CompatPlaylist x64 Server.xml'],
  ] as const)('HLK %s, %s, server %s: %s', (kit, arch, server, expected) => {
    expect(choosePlaylist(files, kit, arch, server).chosen?.name).toBe(expected);
  });

  test('nothing fits: said with what would be needed, and why each file does not fit', () => {
    const choice = choosePlaylist(files, '1809', 'x86', true);
    expect(choice.chosen).toBeNull();
    expect(choice.reason).toBe('none of the 6 playlist files is for HLK 1809, x86, Windows Server');
    expect(choice.candidates.find((c) => c.name === 'HLK Version 1809 CompatPlaylist x64 Server.xml')?.verdict).toBe('does not cover x86');
    expect(choice.candidates.find((c) => c.name === 'readme.xml')?.verdict).toBe('not a compatibility playlist name');
    expect(choosePlaylist([], '1809', 'x64', true).reason).toMatch(/^no playlist files in the folder; unzip Microsoft's Hardware Compatibility Playlists there/);
  });

  test('names are read for version, architectures and edition', () => {
    expect(parsePlaylistName('HLK Version 1809 CompatPlaylist x64 Server.xml')).toEqual({ version: '1809', architectures: ['x64'], server: true });
    expect(parsePlaylistName('hlk version 2004 compatplaylist x86 amd64 arm64.XML')).toEqual({ version: '2004', architectures: ['x86', 'x64', 'ARM64'], server: false });
    expect(parsePlaylistName('CompatPlaylist.xml')).toBeNull();
  });
});

describe("HLK on 'broken'", () => {
  let s: ServiceLab;
  beforeAll(async () => {
    // A test waits 400 ms in the queue and runs 400 ms: long enough to see each state while polling.
    s = await serviceLab({ scenario: 'broken', hlkTestStepMs: 400 });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('pools: the support machine ahead of the clients is found; arranging moves the clients in first, sets them Ready and verifies it', async () => {
    const before = value(await s.call('hlk.pools', {}));
    expect(before.order).toMatchObject({ pool: '$\\tap-windows6', ok: false, notReady: ['HLK-CLIENT1 is NotReady'] });
    expect(before.order.problems).toEqual([
      'HLK-SUPPORT (support) is listed before HLK-CLIENT1 and HLK-CLIENT2: HLK may take it for a machine with the driver under test; move the clients in first',
    ]);
    const pool = before.pools.find((p) => p.name === 'tap-windows6')!;
    expect(pool.machines.map((m) => [m.name, m.labMachine, m.role, m.status])).toEqual([
      ['HLK-SUPPORT', 'support', 'support', 'Ready'],
      ['HLK-CLIENT1', 'client1', 'client', 'NotReady'],
      ['HLK-CLIENT2', 'client2', 'client', 'Ready'],
    ]);
    expect(pool.machines[0]!.platform).toEqual({ name: 'Windows Server 2019', description: 'Windows Server 2019 x64', architecture: 'X64' });

    const arranged = value(await s.call('hlk.arrangePool', {}));
    expect(arranged.moves).toEqual([
      { machine: 'HLK-SUPPORT', from: '$\\tap-windows6', to: '$\\Default Pool' },
      { machine: 'HLK-SUPPORT', from: '$\\Default Pool', to: '$\\tap-windows6' },
    ]);
    expect(arranged.order).toEqual({ pool: '$\\tap-windows6', ok: true, problems: [], notReady: [] });
    expect(arranged.pools.find((p) => p.name === 'tap-windows6')!.machines.map((m) => [m.name, m.status])).toEqual([
      ['HLK-CLIENT1', 'Ready'],
      ['HLK-CLIENT2', 'Ready'],
      ['HLK-SUPPORT', 'Ready'],
    ]);
    // Already in order: nothing moves.
    expect(value(await s.call('hlk.arrangePool', {})).moves).toEqual([]);
  });

  test('a machine in the Default Pool cannot be Ready, and HLK says why', async () => {
    const pools = value(await s.call('hlk.createPool', { name: 'scratch' }));
    expect(pools.pools.map((p) => p.path)).toEqual(['$', '$\\Default Pool', '$\\tap-windows6', '$\\scratch']);
    s.lab.host('controller').hlkStudio!.machines.find((m) => m.name === 'HLK-CLIENT2')!.pool = '$\\Default Pool';
    const refused = await s.call('hlk.setReady', { machines: ['client2'] });
    expect(refused).toMatchObject({
      ok: false,
      studioInUse: false,
      error: { kind: 'script-error', message: "HLK-CLIENT2 is in the Default Pool, where HLK does not let a machine be Ready: move it into the project's pool first." },
    });
    s.lab.host('controller').hlkStudio!.machines.find((m) => m.name === 'HLK-CLIENT2')!.pool = '$\\tap-windows6';
  });

  test('product types: without LAN said plainly with the fix; adding Device.Network.LAN.PM to the TAP target gives LAN', async () => {
    const project = value(await s.call('hlk.openProject', {}));
    expect(project).toMatchObject({ name: 'tap-windows6', productTypes: [], hasLan: false, playlistLoaded: false });
    expect(project.lanAdvice).toMatch(/^The project has no LAN product type: the whole pass would only certify an "Other Driver"\. Add the feature Device\.Network\.LAN\.PM/);
    expect(project.targets.map((t) => [t.machine.name, t.machine.role, t.isDriver, t.features])).toEqual([
      ['HLK-CLIENT1', 'client', true, ['Device.Network.LAN.Base']],
      ['HLK-SUPPORT', 'support', true, ['Device.Network.LAN.Base']],
    ]);
    expect(project.targetProblems).toEqual([
      'no tap0901 target on HLK-CLIENT2 (client2)',
      "a tap0901 target on the support machine HLK-SUPPORT: HLK would test the support machine's driver; remove that target",
    ]);
    // The operation adds the feature to every target of the driver: with one on the support machine it is refused, saying what comes first.
    await expect(s.call('hlk.addLanFeature', {})).rejects.toThrow(/invalid-request: put the targets right before adding Device\.Network\.LAN\.PM: no tap0901 target on HLK-CLIENT2 .*a tap0901 target on the support machine HLK-SUPPORT/);
    const studio = s.lab.host('controller').hlkStudio!;
    const targets = studio.projects.find((p) => p.name === 'tap-windows6')!.targets;
    const supportTarget = targets.find((t) => t.machine === 'HLK-SUPPORT')!;
    targets.splice(targets.indexOf(supportTarget), 1, { ...supportTarget, machine: 'HLK-CLIENT2', features: [...supportTarget.features] });

    const withLan = value(await s.call('hlk.addLanFeature', {}));
    expect(withLan).toMatchObject({ productTypes: ['LAN'], hasLan: true, lanAdvice: null });
    expect(withLan.targets.map((t) => [t.machine.name, t.features])).toEqual([
      ['HLK-CLIENT1', ['Device.Network.LAN.Base', 'Device.Network.LAN.PM']],
      ['HLK-CLIENT2', ['Device.Network.LAN.Base', 'Device.Network.LAN.PM']],
    ]);
  });

  test('playlist: the one for HLK 1809, x64, Windows Server is chosen from the project\'s platform and loaded', async () => {
    const choice = value(await s.call('hlk.playlists', {}));
    expect(choice).toMatchObject({
      folder: 'C:\\HLK\\Playlists',
      folderExists: true,
      kit: '1809',
      architecture: 'x64',
      server: true,
      basis: 'HLK reports Windows Server 2019 x64',
      chosen: { name: 'HLK Version 1809 CompatPlaylist x64 Server.xml', path: 'C:\\HLK\\Playlists\\HLK Version 1809 CompatPlaylist x64 Server.xml' },
      reason: 'HLK Version 1809 CompatPlaylist x64 Server.xml: HLK 1809, x64, Windows Server',
    });
    expect(choice.candidates.filter((c) => c.fits).map((c) => c.name)).toEqual(['HLK Version 1809 CompatPlaylist x64 Server.xml']);
    const loaded = value(await s.call('hlk.loadPlaylist', {}));
    expect(loaded).toMatchObject({ replaced: false, testsInPlaylist: 1412, testsSelected: 11, notFound: 1401, project: { playlistLoaded: true, counts: { total: 11 } } });
  });

  test('tests: failed ones carry the wiki\'s remedy; a rerun moves through queued and running to failed while the cause is there, and passes once it is gone', async () => {
    const tests = value(await s.call('hlk.tests', {}));
    const e2e = tests.tests.find((t) => t.name === lanTests.e2ePerf.name)!;
    expect(e2e).toMatchObject({
      state: 'failed',
      multiMachine: true,
      roles: [
        { role: 'Client', machines: [{ name: 'HLK-CLIENT1', labMachine: 'client1', role: 'client' }] },
        { role: 'Support', machines: [{ name: 'HLK-SUPPORT', labMachine: 'support', role: 'support' }] },
      ],
      remedy: { checklist: 'test-e2eperf', knownFailures: [{ id: 'e2ePerfLinkSpeed' }] },
      warnings: [],
    });
    expect(e2e.remedy!.text).toMatch(/^Install the clients' tap-windows6 version on the support machine/);
    expect(tests.tests.find((t) => t.name === lanTests.faultHandling.name)!.remedy!.knownFailures.map((f) => f.id)).toEqual(['ndisTestBinariesMissing', 'openvpnLinkDownAfterFaultHandling']);
    expect(tests.tests.find((t) => t.name === lanTests.checkConnectivity.name)).toMatchObject({ state: 'passed', remedy: null });
    expect(tests.counts).toEqual({ queued: 0, running: 0, passed: 2, failed: 5, 'not run': 4, cancelled: 0 });
    // Results found already there are dated and told from what happened since: a pass of 15 hours ago is not "passed" now.
    expect(e2e.earlierResult).toBe(true);
    expect(tests.tests.find((t) => t.name === lanTests.checkConnectivity.name)!.earlierResult).toBe(true);
    expect(tests.tests.filter((t) => t.state === 'not run').every((t) => !t.earlierResult)).toBe(true);
    const firstRead = await until(() => s.pushed('journal').find((e) => e.kind === 'hlk' && e.text.startsWith(`${lanTests.checkConnectivity.name}: `)), 'the first read');
    expect(firstRead.text).toMatch(/: passed \(an earlier result, completed \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/);
    expect(Date.now() - Date.parse((firstRead.data as { completedAt: string }).completedAt)).toBeGreaterThan(10 * 3600_000);

    const states = (name: string) => s.pushed('hlk').flatMap((h) => h.tests?.tests.filter((t) => t.name === name).map((t) => t.state) ?? []);
    const rerun = async (): Promise<HlkTestView> => {
      const queued = value(await s.call('hlk.rerunTest', { test: testId(lanTests.e2ePerf.name) }));
      expect(queued.tests.find((t) => t.name === lanTests.e2ePerf.name)!.state).toBe('queued');
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const t = value(await s.call('hlk.tests', {})).tests.find((x) => x.name === lanTests.e2ePerf.name)!;
        if (t.state === 'passed' || t.state === 'failed') return t;
        await new Promise((r) => setTimeout(r, 40));
      }
      throw new Error('E2EPerf did not finish within 15 s');
    };
    const failedAgain = await rerun();
    expect(failedAgain).toMatchObject({ state: 'failed', runs: 2, earlierResult: false });
    expect(states(lanTests.e2ePerf.name)).toEqual(expect.arrayContaining(['queued', 'running', 'failed']));
    // Each change is journaled (and pushed once it is on disk).
    const journaled = (text: string) => until(() => s.pushed('journal').find((e) => e.kind === 'hlk' && e.text === text), text);
    await journaled(`${lanTests.e2ePerf.name}: failed -> queued`);
    await journaled(`${lanTests.e2ePerf.name}: queued -> running`);
    expect(await journaled(`${lanTests.e2ePerf.name}: running -> failed`)).toMatchObject({ machine: 'controller', data: { project: 'tap-windows6', state: 'failed', status: 'Failed' } });

    // The support machine gets the clients' driver (1 Gbps): the same test passes.
    s.lab.host('support').adapters.find((a) => a.componentId === 'tap0901')!.linkSpeedBps = 1e9;
    expect(await rerun()).toMatchObject({ state: 'passed', runs: 3, remedy: null });
  });

  test('a test already queued is not queued twice, and a support machine in the Client role is pointed out', async () => {
    value(await s.call('hlk.rerunTest', { test: testId(lanTests.standardizedKeywords.name) }));
    expect(await s.call('hlk.rerunTest', { test: testId(lanTests.standardizedKeywords.name) })).toMatchObject({
      ok: false,
      error: { message: `${lanTests.standardizedKeywords.name} is InQueue already; wait for it to finish before running it again.` },
    });
    const mixed = s.lab.host('controller').hlkStudio!.projects[0]!.tests.find((t) => t.name === lanTests.addressChange.name)!;
    mixed.runs.push({ queuedAt: Date.now() - 3_600_000, client: 'HLK-SUPPORT', support: 'HLK-CLIENT1', status: 'Failed', completedAt: Date.now() - 3_000_000 });
    const view = value(await s.call('hlk.tests', {})).tests.find((t) => t.name === lanTests.addressChange.name)!;
    expect(view.warnings).toEqual(["the support machine HLK-SUPPORT has the Client role: HLK tests its driver, not the client's", 'the client HLK-CLIENT1 has the Support role']);
  });

  test('watching the tests pushes their state while the pass runs, until stopped', async () => {
    value(await s.call('hlk.rerunTest', { test: testId(lanTests.registry.name) }));
    const before = s.pushed('hlk').length;
    expect((await s.call('hlk.watchTests', { seconds: 5 })).watchSeconds).toBe(5);
    const finished = await until(
      () => s.pushed('hlk').slice(before).find((h) => h.tests?.tests.find((t) => t.name === lanTests.registry.name)?.state === 'failed'),
      'the watched test to finish',
      15_000,
    );
    expect(finished.watchSeconds).toBe(5);
    expect((await s.call('hlk.watchTests', { seconds: null })).watchSeconds).toBeNull();
  });

  test('HLK Studio open on the controller: every HLK action says so, and readiness says it could not read HLK', async () => {
    s.lab.host('controller').hlkStudio!.inUse = true;
    try {
      const refused = await s.call('hlk.pools', {});
      expect(refused).toMatchObject({ ok: false, studioInUse: true, error: { kind: 'script-error', machine: 'controller', operation: 'hlk.pools' } });
      if (refused.ok) return;
      expect(refused.error.message).toMatch(/^HLK Studio is open on this controller \(HLKStudio\.exe, process \d+\): HLK's object model cannot be used while someone works in Studio\. Close HLK Studio and try again\.$/);
      expect(await s.call('hlk.state', {})).toMatchObject({ studioInUse: true, error: { operation: 'hlk.pools' } });
      const readiness = await s.call('readiness.run', { machine: 'controller', check: 'hlk-machines' });
      expect(readiness.machines.find((m) => m.machine === 'controller')!.checks.find((c) => c.check === 'hlk-machines')).toMatchObject({
        status: 'unknown',
        evidence: expect.stringMatching(/^HLK Studio is open on this controller/),
      });
    } finally {
      s.lab.host('controller').hlkStudio!.inUse = false;
    }
    expect(value(await s.call('hlk.pools', {})).order.ok).toBe(true);
    expect((await s.call('hlk.state', {})).studioInUse).toBe(false);
  });
});

describe("HLK on 'fresh'", () => {
  test('a new project has no product type and no targets yet, and says what to do', async () => {
    const s = await serviceLab({ scenario: 'fresh' });
    try {
      await s.settled();
      expect(await s.call('hlk.openProject', {})).toMatchObject({ ok: false, error: { message: 'HLK on HLK-CONTROLLER has no project named tap-windows6.' } });
      const project = value(await s.call('hlk.openProject', { create: true }));
      expect(project).toMatchObject({ name: 'tap-windows6', productTypes: [], hasLan: false, targets: [], counts: { total: 0 } });
      expect(project.targetProblems).toEqual(["the project has no target for tap0901: select the TAP adapter on each client in Studio's Selection tab"]);
      expect(value(await s.call('hlk.projects', {})).map((p) => p.name)).toEqual(['tap-windows6']);
      expect((await s.call('checklists.progress', {})).project).toBe('tap-windows6');
      // No project platform and no machines in HLK yet: x64 assumed, the edition read off the clients.
      expect(value(await s.call('hlk.playlists', {}))).toMatchObject({
        basis: "HLK has not reported the clients' platform yet: x64 assumed, Windows Server 2019 Standard read on client1",
        chosen: { name: 'HLK Version 1809 CompatPlaylist x64 Server.xml' },
      });
    } finally {
      await s.close();
    }
  });
});
