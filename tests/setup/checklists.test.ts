import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChecklistProgressView, StepState } from '../../shared/checklists/types';
import type { MachineReadiness } from '../../shared/readiness/results';
import { checklists } from '../../shared/checklists';
import { findCheck } from '../../shared/readiness/checks';
import type { ChecklistStep } from '../../shared/checklists/types';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings } from '../support/practice';
import { serviceLab, until, type ServiceLab } from './service-lab';

/**
 * The checklists over SSH against the practice lab, through the api: every verification says done on
 * 'ready' and not done somewhere on 'broken' or 'fresh' (with the reason); every fix turns its step done;
 * a step that was done and breaks shows as broken; manual steps take a confirmation; progress is kept per
 * project and survives a restart.
 */

type Cells = Map<string, { state: StepState; evidence: string }>;

function cells(progress: ChecklistProgressView): Cells {
  const out: Cells = new Map();
  for (const c of progress.checklists) for (const s of c.steps) for (const m of s.machines) out.set(`${c.id}/${s.id}/${m.machine}`, { state: m.state, evidence: m.evidence });
  return out;
}

function cell(progress: ChecklistProgressView, key: string): { state: StepState; evidence: string } {
  const found = cells(progress).get(key);
  if (!found) throw new Error(`no step ${key}`);
  return found;
}

const verified = checklists.flatMap((c) => c.steps.filter((s) => s.verification).map((s) => ({ c, s })));

describe('every verification', () => {
  const seen: Record<'ready' | 'broken' | 'fresh', Cells> = { ready: new Map(), broken: new Map(), fresh: new Map() };

  beforeAll(async () => {
    // One lab at a time: the test machines have few cores, and other suites run beside this one.
    for (const scenario of ['ready', 'broken', 'fresh'] as const) {
      const s = await serviceLab({ scenario });
      try {
        await s.settled();
        seen[scenario] = cells(await s.call('checklists.verify', {}));
      } finally {
        await s.close();
      }
    }
  });

  test("on 'ready' every verified step is done on every machine, except 802.1Q, which nobody has set yet", () => {
    const notDone = [...seen.ready].filter(([key, v]) => v.state !== 'done' && verified.some(({ c, s }) => key.startsWith(`${c.id}/${s.id}/`)));
    expect(notDone.map(([key, v]) => `${key}: ${v.state}: ${v.evidence}`)).toEqual([
      'test-2c-priority/8021q-on/client1: pending: 802.1Q has not been set with hlk-assist',
      'test-2c-priority/8021q-on/client2: pending: 802.1Q has not been set with hlk-assist',
      'test-2c-priority/8021q-on/support: pending: 802.1Q has not been set with hlk-assist',
    ]);
  });

  test("every verification that reads the machines can fail: each such step is pending on some machine of 'broken' or 'fresh', with the reason", () => {
    for (const { c, s } of verified) {
      const v = s.verification!;
      // A readiness check can fail (tests/readiness/checks.test.ts breaks each on purpose); here it must exist.
      if (v.kind === 'check') {
        expect(findCheck(v.check), `${c.id}/${s.id} names a readiness check`).toBeDefined();
        continue;
      }
      if (v.kind === 'tapdiag') continue; // judged from what hlk-assist set with tapdiag: see tapdiag.test.ts
      const failing = [...seen.broken, ...seen.fresh].filter(([key, v]) => key.startsWith(`${c.id}/${s.id}/`) && v.state === 'pending');
      expect(failing.length, `${c.id}/${s.id} fails somewhere`).toBeGreaterThan(0);
      for (const [key, v] of failing) expect(v.evidence.length, key).toBeGreaterThan(10);
    }
  });

  test("'broken' shows the wiki's failures where the scenario put them", () => {
    const b = seen.broken;
    expect(b.get('controller-project/pool-order/controller')).toEqual({
      state: 'pending',
      evidence: 'HLK-SUPPORT (support) is listed before HLK-CLIENT1 and HLK-CLIENT2: HLK may take it for a machine with the driver under test; move the clients in first',
    });
    expect(b.get('controller-project/lan-product-type/controller')?.evidence).toBe('product types: none; without LAN the pass certifies only an "Other Driver"');
    expect(b.get('controller-project/targets/controller')?.evidence).toMatch(/a tap0901 target on the support machine HLK-SUPPORT/);
    expect(b.get('controller-project/playlist/controller')).toEqual({ state: 'pending', evidence: 'no playlist is loaded' });
    expect(b.get('test-linkcheck/tapdiag-enabled/client1')?.evidence).toBe("TapDiag is not set in the driver's registry key");
    expect(b.get('client-preparation/tapdiag-tool/client2')).toEqual({ state: 'pending', evidence: 'tapdiag.exe is not at C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe' });
    // A warning is the risk the step is there to remove: verb 11 and a virtual client are not done.
    expect(b.get('client-preparation/openvpn-verbosity/client1')?.state).toBe('pending');
    expect(b.get('client-preparation/physical/client2')?.state).toBe('pending');
    expect(b.get('test-tdi-filters/network-drives/client1')?.evidence).toBe('R: to \\\\HLK-CONTROLLER\\HLKInstall is Unavailable');
  });

  test('steps only a person can do wait for a confirmation', () => {
    for (const { c, s } of checklists.flatMap((c) => c.steps.filter((s) => s.manual && !s.verification).map((s) => ({ c, s })))) {
      const mine = [...seen.ready].filter(([key]) => key.startsWith(`${c.id}/${s.id}/`));
      expect(mine.length, `${c.id}/${s.id}`).toBeGreaterThan(0);
      for (const [, v] of mine) expect(v).toEqual({ state: 'pending', evidence: 'not confirmed yet' });
    }
  });
});

/** A fix, as the data names it: the readiness check whose fix it runs, the operation, or the action. */
function fixId(step: ChecklistStep): string | null {
  const f = step.fix;
  if (!f) return null;
  return f.kind === 'check-fix' ? `check:${f.check}` : f.kind === 'operation' ? `operation:${f.operation}` : `action:${f.action}`;
}

describe('every fix', () => {
  const exercised = new Set<string>();
  let broken: ServiceLab;
  let fresh: ServiceLab;

  beforeAll(async () => {
    broken = await serviceLab({ scenario: 'broken' });
    await broken.settled();
    await broken.call('checklists.verify', {});
    fresh = await serviceLab({ scenario: 'fresh' });
    await fresh.settled();
    await fresh.call('checklists.verify', {});
  });
  afterAll(async () => Promise.all([broken?.close(), fresh?.close()]));

  async function fixAndExpectDone(s: ServiceLab, checklist: string, step: string, machine: string): Promise<ChecklistProgressView> {
    const key = `${checklist}/${step}/${machine}`;
    const before = cell(await s.call('checklists.progress', {}), key);
    expect(before.state, `${key} is not done before its fix`).not.toBe('done');
    const outcome = await s.call('checklists.fix', { checklist, step, machine });
    if (!outcome.ok) throw new Error(`${key}: ${outcome.error.message}`);
    exercised.add(fixId(checklists.find((c) => c.id === checklist)!.steps.find((x) => x.id === step)!)!);
    expect(cell(outcome.progress, key), key).toMatchObject({ state: 'done' });
    return outcome.progress;
  }

  test('client fixes: OpenVPN, drive mappings, driver store, Ready in HLK, certificate, adapter names', async () => {
    await fixAndExpectDone(broken, 'client-preparation', 'openvpn-service', 'client1');
    await fixAndExpectDone(broken, 'client-preparation', 'network-drives', 'client1');
    await fixAndExpectDone(broken, 'client-preparation', 'driver-store', 'client1');
    await fixAndExpectDone(broken, 'client-preparation', 'hlk-ready', 'client1');
    await fixAndExpectDone(broken, 'client-preparation', 'test-certificate', 'client2');
    await fixAndExpectDone(broken, 'client-preparation', 'adapter-names', 'client2');
    await fixAndExpectDone(broken, 'support-preparation', 'adapter-names', 'support');
    expect(broken.lab.host('support').adapters.map((a) => a.name)).toEqual(['MessageDevice', 'SupportDevice0']);
  });

  test('test signing: the first fix turns it on for the next boot, the second reboots', async () => {
    const first = await broken.call('checklists.fix', { checklist: 'client-preparation', step: 'test-signing', machine: 'client2' });
    expect(first.ok).toBe(true);
    expect(cell(first.progress, 'client-preparation/test-signing/client2')).toEqual({
      state: 'pending',
      evidence: 'turned on (bcdedit testsigning Yes), but not active until the machine reboots',
    });
    await fixAndExpectDone(broken, 'client-preparation', 'test-signing', 'client2');
  });

  test('HLK services on the client and the controller', async () => {
    broken.lab.host('client2').service('HLKSvc')!.status = 'Stopped';
    broken.lab.host('controller').service('WTTSvc')!.status = 'Stopped';
    await broken.call('readiness.run', { machine: 'client2' });
    await broken.call('readiness.run', { machine: 'controller' });
    await fixAndExpectDone(broken, 'client-preparation', 'hlk-client', 'client2');
    await fixAndExpectDone(broken, 'controller-project', 'hlk-services', 'controller');
  });

  test('the targets are the operator\'s to select in Studio: until HLK holds them right the LAN fix waits; then the step is done', async () => {
    // Device.Network.LAN.PM goes to every target of the driver: with one on the support machine it would go there too.
    const waiting = await broken.call('checklists.verify', { checklist: 'controller-project' });
    const lan = waiting.checklists.find((c) => c.id === 'controller-project')!.steps.find((st) => st.id === 'lan-product-type')!.machines[0]!;
    expect(lan.fixWaitsFor).toBe('The TAP adapter selected on the clients only');
    expect(await broken.refused('checklists.fix', { checklist: 'controller-project', step: 'lan-product-type', machine: 'controller' })).toMatchObject({
      code: 'invalid-request',
      message: 'The project\'s product type is LAN on controller cannot be fixed yet: first "The TAP adapter selected on the clients only"',
    });
    const project = broken.lab.host('controller').hlkStudio!.projects[0]!;
    project.targets = project.targets.filter((t) => t.machine !== 'HLK-SUPPORT');
    project.targets.push({ name: 'TAP-Windows Adapter V9', key: 'root\\tap0901', machine: 'HLK-CLIENT2', features: ['Device.Network.LAN.Base'] });
    const progress = await broken.call('checklists.verify', { checklist: 'controller-project' });
    expect(cell(progress, 'controller-project/targets/controller')).toEqual({ state: 'done', evidence: 'tap0901 targets on every client and on no support machine' });
  });

  test('the pool: clients first, then Ready; the LAN product type; the playlist', async () => {
    const arranged = await fixAndExpectDone(broken, 'controller-project', 'pool-order', 'controller');
    // Moving machines leaves them NotReady: the next step says so, and its fix sets them Ready.
    expect(cell(arranged, 'controller-project/pool-ready/controller').state).not.toBe('done');
    await fixAndExpectDone(broken, 'controller-project', 'pool-ready', 'controller');
    expect(broken.lab.host('controller').hlkStudio!.machines.map((m) => [m.name, m.status])).toEqual([
      ['HLK-CLIENT1', 'Ready'],
      ['HLK-CLIENT2', 'Ready'],
      ['HLK-SUPPORT', 'Ready'],
    ]);
    await fixAndExpectDone(broken, 'controller-project', 'lan-product-type', 'controller');
    await fixAndExpectDone(broken, 'controller-project', 'playlist', 'controller');
    expect(broken.lab.host('controller').hlkStudio!.projects[0]!.playlist).toBe('C:\\HLK\\Playlists\\HLK Version 1809 CompatPlaylist x64 Server.xml');
  });

  test('tapdiag: enable it in the driver, then turn 802.1Q on', async () => {
    await fixAndExpectDone(broken, 'test-linkcheck', 'tapdiag-enabled', 'client1');
    await fixAndExpectDone(broken, 'test-2c-priority', '8021q-on', 'client1');
    expect(broken.lab.host('client1').tapDriver).toMatchObject({ endpointOpen: true, q: 'on' });
  });

  test("on 'fresh': create the pool and the project", async () => {
    await fixAndExpectDone(fresh, 'controller-project', 'pool', 'controller');
    await fixAndExpectDone(fresh, 'controller-project', 'project', 'controller');
    expect(fresh.lab.host('controller').hlkStudio!.projects.map((p) => p.name)).toEqual(['tap-windows6']);
  });

  test('a step without a fix, or a step on a machine it does not apply to, is refused', async () => {
    expect(await broken.refused('checklists.fix', { checklist: 'controller-project', step: 'targets', machine: 'controller' })).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/^The TAP adapter selected on the clients only has no fix: In HLK Studio's Selection tab/),
    });
    expect(await broken.refused('checklists.fix', { checklist: 'client-preparation', step: 'openvpn-service', machine: 'support' })).toMatchObject({
      message: 'OpenVPN service running, starting automatically does not apply to support (a support)',
    });
    expect(await broken.refused('checklists.fix', { checklist: 'no-such-list', step: 'x', machine: 'client1' })).toMatchObject({ message: 'there is no checklist no-such-list' });
  });

  test('every fix in the checklists was exercised', () => {
    const all = new Set(checklists.flatMap((c) => c.steps.map(fixId)).filter((x): x is string => x !== null));
    expect([...all].filter((f) => !exercised.has(f))).toEqual([]);
  });
});

describe('a step that was done and breaks', () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'ready' });
    await s.settled();
    await s.call('checklists.verify', {});
  });
  afterAll(async () => s?.close());

  test('an adapter that lost its name after a driver reinstall: done turns broken, journaled and pushed; renaming makes it done again', async () => {
    expect(cell(await s.call('checklists.progress', {}), 'support-preparation/adapter-names/support').state).toBe('done');
    s.lab.host('support').adapters.find((a) => a.name === 'SupportDevice0')!.name = 'Ethernet 3';
    await s.call('readiness.run', { machine: 'support' });
    const broken = cell(await s.call('checklists.progress', {}), 'support-preparation/adapter-names/support');
    expect(broken).toEqual({ state: 'broken', evidence: "no adapter is named SupportDevice0 (the TAP adapter is 'Ethernet 3')" });
    expect(s.pushed('checklist').some((p) => cell(p, 'support-preparation/adapter-names/support').state === 'broken')).toBe(true);
    const entry = await until(
      () => s.pushed('journal').find((e) => e.kind === 'checklist' && e.text.startsWith('Support machine preparation: Adapters named MessageDevice and SupportDevice0: done -> broken')),
      'the journal entry',
    );
    expect(entry).toMatchObject({ machine: 'support', data: { checklist: 'support-preparation', step: 'adapter-names', state: 'broken' } });

    const renamed = await s.call('adapters.applyNames', { machine: 'support' });
    expect(renamed).toMatchObject({ ok: true, renamed: true, check: { status: 'pass' } });
    expect(cell(await s.call('checklists.progress', {}), 'support-preparation/adapter-names/support').state).toBe('done');
    // Applied on demand again before a test: nothing to do.
    expect(await s.call('adapters.applyNames', { machine: 'support' })).toMatchObject({ ok: true, renamed: false });
  });
});

describe('confirmations and projects', () => {
  test('a manual step is confirmed and taken back; a verified step cannot be confirmed; progress is per project and survives a restart', async () => {
    const s = await serviceLab({ scenario: 'ready' });
    try {
      await s.settled();
      const confirmed = await s.call('checklists.confirm', { checklist: 'test-2c-mini6stress', step: 'kernel-debugger', machine: 'client1', confirmed: true });
      expect(cell(confirmed, 'test-2c-mini6stress/kernel-debugger/client1')).toEqual({
        state: 'manual-confirmed',
        evidence: 'confirmed: A kernel debugger is attached to the client',
      });
      const back = await s.call('checklists.confirm', { checklist: 'test-2c-mini6stress', step: 'kernel-debugger', machine: 'client2', confirmed: false });
      expect(cell(back, 'test-2c-mini6stress/kernel-debugger/client2')).toEqual({ state: 'pending', evidence: 'confirmation taken back' });
      expect(await s.refused('checklists.confirm', { checklist: 'client-preparation', step: 'adapter-names', machine: 'client1', confirmed: true })).toMatchObject({
        message: 'Adapters named MessageDevice and SupportDevice0 is verified on the machines, not confirmed',
      });

      // Another project keeps its own progress.
      const other = await s.call('checklists.selectProject', { project: 'tap-windows6 rerun' });
      expect(other.project).toBe('tap-windows6 rerun');
      expect(cell(other, 'test-2c-mini6stress/kernel-debugger/client1').state).toBe('pending');
      // What the machines say is the same for every project: verified steps are done there too (once the
      // machine's checks have results, which a reconnect under load can delay).
      let latest = other;
      const deadline = Date.now() + 15_000;
      while (cell(latest, 'client-preparation/adapter-names/client1').state !== 'done' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        latest = await s.call('checklists.progress', {});
      }
      expect(cell(latest, 'client-preparation/adapter-names/client1').state).toBe('done');
      await s.call('checklists.selectProject', { project: 'tap-windows6' });

      // A new service on the same data folder and lab file: the progress is still there.
      await s.service.close();
      const again = new LabService({ dataDir: s.dataDir, host: 'web', timings: fastTimings });
      const checked = new Set<string>();
      again.subscribe((m) => {
        if (m.name === 'readiness' && !(m.payload as MachineReadiness).running && (m.payload as MachineReadiness).checkedAt) checked.add((m.payload as MachineReadiness).machine);
      });
      try {
        expect((await again.handle('lab.open', { path: s.labPath })).ok).toBe(true);
        // Let it connect and check every machine (pinning host keys in the data folder) before it closes.
        await until(() => checked.size === s.lab.hosts.length, 'every machine checked');
        const restored = await again.handle('checklists.progress', {});
        if (!restored.ok) throw new Error(restored.error.message);
        const p = restored.result as ChecklistProgressView;
        expect(p.project).toBe('tap-windows6');
        expect(cell(p, 'test-2c-mini6stress/kernel-debugger/client1').state).toBe('manual-confirmed');
      } finally {
        await again.close();
      }
    } finally {
      await s.close();
    }
  });
});
