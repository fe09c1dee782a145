import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TapdiagOutcome, TapdiagView } from '../../shared/tapdiag/views';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { serviceLab, until, type ServiceLab } from './service-lab';
import { roundTripTime } from '../../electron/practice-lab/behaviour';

/**
 * tapdiag over SSH against the practice lab, through the api: the link takes the TAP adapter's media
 * state down and up, 802.1Q is set on both machines, what was set is lost when a machine reboots (and
 * applied again, by hand or by itself), a missing tool or a driver without the endpoint is said plainly,
 * and the guided LinkCheck walks the unplug and plug sequence while the test waits for it.
 */

function view(outcome: TapdiagOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.view;
}

async function tapStatus(s: ServiceLab, machine: string): Promise<string> {
  const outcome = await s.call('operations.run', { machine, operation: 'network.adapters', params: {} });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const adapters = (outcome.result as { adapters: Array<{ componentId: string; status: string; mediaConnectionState: string }> }).adapters;
  const tap = adapters.find((a) => a.componentId === 'tap0901')!;
  return `${tap.status}/${tap.mediaConnectionState}`;
}

describe("tapdiag on 'ready'", () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'ready' });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('link off takes the TAP adapter\'s media state down (and the VPN pings with it); link on brings it back', async () => {
    const off = view(await s.call('tapdiag.setLink', { machine: 'client1', link: 'off' }));
    expect(off).toMatchObject({ machine: 'client1', link: 'off', q: null, lost: false, busy: null, lastError: null });
    expect(off.bootTime).toBe(roundTripTime(s.lab.host('client1').bootTime));
    expect(await tapStatus(s, 'client1')).toBe('Disconnected/Disconnected');
    const ping = (await s.call('readiness.run', { machine: 'client1', check: 'vpn-ping' })).machines.find((m) => m.machine === 'client1')!.checks.find((c) => c.check === 'vpn-ping')!;
    expect(ping).toMatchObject({ status: 'fail', evidence: expect.stringContaining('DestinationHostUnreachable') });
    view(await s.call('tapdiag.setLink', { machine: 'client1', link: 'on' }));
    expect(await tapStatus(s, 'client1')).toBe('Up/Connected');
  });

  test('802.1Q on, off and always; on both machines it completes the 2c_Priority checklist', async () => {
    expect(view(await s.call('tapdiag.setQ', { machine: 'client1', mode: 'always' })).q).toBe('always');
    expect(s.lab.host('client1').tapDriver.q).toBe('always');
    expect(view(await s.call('tapdiag.setQ', { machine: 'client1', mode: 'off' })).q).toBe('off');
    expect(s.lab.host('client1').tapDriver.q).toBe('off');
    for (const machine of ['client1', 'client2', 'support']) view(await s.call('tapdiag.setQ', { machine, mode: 'on' }));
    const progress = await s.call('checklists.progress', {});
    const steps = progress.checklists.find((c) => c.id === 'test-2c-priority')!.steps.find((x) => x.id === '8021q-on')!;
    expect(steps.machines.map((m) => [m.machine, m.state])).toEqual([
      ['client1', 'done'],
      ['client2', 'done'],
      ['support', 'done'],
    ]);
    const entry = await until(() => s.pushed('journal').find((e) => e.kind === 'tapdiag' && e.machine === 'support' && e.text === 'tapdiag set 802.1Q on'), 'the journal entry');
    expect(entry.data).toMatchObject({ q: 'on', bootTime: roundTripTime(s.lab.host('support').bootTime) });
  });

  test('a reboot loses what was set: it shows as lost, the checklist step breaks, and applying it again restores it', async () => {
    const boot = s.lab.host('client2').bootTime.getTime();
    s.lab.reboot('client2');
    const lost = await until(() => s.pushed('tapdiag').map((v) => v.machines.find((m) => m.machine === 'client2')!).find((m) => m.lost), 'the state marked lost');
    expect(lost).toMatchObject({ q: 'on', lost: true });
    expect(s.lab.host('client2').bootTime.getTime()).toBeGreaterThan(boot);
    expect(s.lab.host('client2').tapDriver.q).toBe('off');
    const entry = await until(() => s.pushed('journal').find((e) => e.kind === 'tapdiag' && e.machine === 'client2' && e.text.startsWith('tapdiag settings lost')), 'the journal entry');
    expect(entry.data).toMatchObject({ lost: { q: 'on', link: null } });
    const cell = (await s.call('checklists.progress', {})).checklists.find((c) => c.id === 'test-2c-priority')!.steps.find((x) => x.id === '8021q-on')!.machines.find((m) => m.machine === 'client2')!;
    expect(cell.state).toBe('broken');
    expect(cell.evidence).toMatch(/^802\.1Q was set on at .*; the machine rebooted since, so the driver lost it$/);

    const again = view(await s.call('tapdiag.reapply', { machine: 'client2' }));
    expect(again).toMatchObject({ q: 'on', lost: false, bootTime: roundTripTime(s.lab.host('client2').bootTime) });
    expect(s.lab.host('client2').tapDriver.q).toBe('on');
  });

  test('with auto re-apply on, a machine that comes back from a reboot gets its settings again by itself', async () => {
    expect((await s.call('tapdiag.setAutoReapply', { enabled: true })).autoReapply).toBe(true);
    const before = s.pushed('tapdiag').length;
    s.lab.reboot('support');
    await until(() => s.pushed('tapdiag').slice(before).some((v) => v.machines.find((m) => m.machine === 'support')!.lost), 'lost after the reboot');
    const back = await until(() => {
      const latest: TapdiagView | undefined = s.pushed('tapdiag').at(-1);
      const m = latest?.machines.find((x) => x.machine === 'support');
      return m && !m.lost && m.busy === null && m.bootTime === roundTripTime(s.lab.host('support').bootTime) ? m : undefined;
    }, 'applied again');
    expect(back.q).toBe('on');
    expect(s.lab.host('support').tapDriver.q).toBe('on');
    await until(() => s.pushed('journal').find((e) => e.machine === 'support' && e.text === 'tapdiag settings applied again: 802.1Q on'), 'the journal entry');
    await s.call('tapdiag.setAutoReapply', { enabled: false });
  });

  test('rebooting through hlk-assist waits until the machine is back, checks it again, and tapdiag notices', async () => {
    const before = roundTripTime(s.lab.host('client1').bootTime);
    const outcome = await s.call('machines.rebootAndWait', { machine: 'client1', timeoutSeconds: 60 });
    expect(outcome).toMatchObject({ ok: true, error: null, bootBefore: before, readiness: { machine: 'client1', running: false } });
    expect(outcome.bootAfter).toBe(roundTripTime(s.lab.host('client1').bootTime));
    expect(outcome.bootAfter).not.toBe(before);
    expect(outcome.readiness!.checks.find((c) => c.check === 'last-boot')!.status).toBe('warn');
    expect((await s.call('tapdiag.state', {})).machines.find((m) => m.machine === 'client1')).toMatchObject({ q: 'on', lost: true });
  });

  test('enabling tapdiag stops OpenVPN around the TAP adapter restart and starts it again; what was set before is gone', async () => {
    const outcome = await s.call('tapdiag.enable', { machine: 'client2' });
    expect(outcome).toMatchObject({ ok: true, view: { machine: 'client2', q: null, link: null, status: { toolFound: true, registryEnabled: true, endpoint: 'open' } } });
    const run = await until(
      () => s.pushed('journal').find((e) => e.kind === 'operation' && e.machine === 'client2' && (e.data as { operation?: string } | undefined)?.operation === 'tapdiag.enable'),
      'the operation in the journal',
    );
    expect(run.data).toMatchObject({ ok: true, result: { stoppedServices: ['OpenVPNService'], startedServices: ['OpenVPNService'], restartedAdapters: ['Ethernet 2'] } });
    expect(s.lab.host('client2').service('OpenVPNService')!.status).toBe('Running');
  });

  test('without elevation tapdiag says so', async () => {
    s.lab.host('client2').system.elevated = false;
    try {
      const refused = await s.call('tapdiag.setQ', { machine: 'client2', mode: 'on' });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'script-error', message: expect.stringMatching(/^This needs an elevated session: Administrator is not running as an administrator here/) } });
      expect((await s.call('tapdiag.state', {})).machines.find((m) => m.machine === 'client2')!.lastError?.message).toMatch(/elevated session/);
    } finally {
      s.lab.host('client2').system.elevated = true;
    }
  });

  test('tapdiag runs on the clients and the support machine only', async () => {
    expect(await s.refused('tapdiag.setLink', { machine: 'controller', link: 'off' })).toEqual({
      code: 'invalid-request',
      message: 'controller is the controller: tapdiag runs on the clients and the support machine',
    });
  });
});

describe("tapdiag on 'broken'", () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'broken' });
    await s.settled();
  });
  afterAll(async () => s?.close());

  test('a missing tapdiag.exe is said plainly, with where it was looked for', async () => {
    const refused = await s.call('tapdiag.enable', { machine: 'client2' });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'script-error', message: 'tapdiag.exe is not at C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe on this machine: copy it there, or set readiness.tapdiagPath in the lab file to where it is.' },
    });
    expect(view(await s.call('tapdiag.refresh', { machine: 'client2' })).status).toMatchObject({ toolFound: false, endpoint: 'unknown' });
    expect(await s.refused('tapdiag.reapply', { machine: 'client2' })).toEqual({ code: 'invalid-request', message: 'nothing was set with tapdiag on client2 to apply again' });
  });

  test('a driver without the tapdiag endpoint: enabling says the build has none; link and 802.1Q say the endpoint is closed', async () => {
    const enable = await s.call('tapdiag.enable', { machine: 'support' });
    expect(enable).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^tapdiag is enabled in the registry and the TAP adapter was restarted, but the driver still has no tapdiag endpoint: this tap-windows6 build has no tapdiag support/) } });
    const link = await s.call('tapdiag.setLink', { machine: 'support', link: 'off' });
    expect(link).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^tapdiag \/link:off failed: the TAP driver has no tapdiag endpoint open\. Enable it \(tapdiag \/enable, then restart the TAP adapter\); if it stays closed, this driver was built without tapdiag\./) } });
    expect((await s.call('tapdiag.state', {})).machines.find((m) => m.machine === 'support')).toMatchObject({ link: null, q: null });
  });

  test('before it is enabled, the endpoint is closed; after, it is open', async () => {
    expect(view(await s.call('tapdiag.refresh', { machine: 'client1' })).status).toMatchObject({ toolFound: true, registryEnabled: false, endpoint: 'closed' });
    expect(await s.call('tapdiag.setQ', { machine: 'client1', mode: 'on' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^tapdiag \/setq:on failed: the TAP driver has no tapdiag endpoint open/) } });
    expect(view(await s.call('tapdiag.enable', { machine: 'client1' })).status).toMatchObject({ registryEnabled: true, endpoint: 'open' });
    expect(view(await s.call('tapdiag.setQ', { machine: 'client1', mode: 'on' })).q).toBe('on');
  });
});

describe('the guided LinkCheck', () => {
  let s: ServiceLab;
  beforeAll(async () => {
    s = await serviceLab({ scenario: 'ready', hlkTestStepMs: 100 });
    await s.settled();
  });
  afterAll(async () => s?.close());

  async function linkcheckState(): Promise<string> {
    const value = await s.call('hlk.tests', {});
    if (!value.ok) throw new Error(value.error.message);
    return value.value.tests.find((t) => t.name === lanTests.linkCheck.name)!.state;
  }

  test('with tapdiag: every message box step is walked, the cable is pulled and plugged back, and LinkCheck passes', async () => {
    expect(await s.call('hlk.rerunTest', { test: testId(lanTests.linkCheck.name) })).toMatchObject({ ok: true });
    const started = await s.call('linkcheck.start', { machine: 'client1' });
    expect(started).toMatchObject({ machine: 'client1', method: 'tapdiag', cycle: 1, current: 1, outcome: 'running' });
    expect(started.steps.map((x) => x.kind)).toEqual(['confirm', 'action', 'confirm', 'action', 'confirm', 'decide']);
    expect(started.steps[1]!.text).toBe('Unplug: tapdiag /link:off on client1');

    expect((await s.call('linkcheck.advance', {})).current).toBe(2);
    const unplugged = await s.call('linkcheck.advance', {});
    expect(unplugged).toMatchObject({ current: 3, steps: [{ state: 'done' }, { state: 'done' }, { state: 'current' }, {}, {}, {}] });
    expect(await tapStatus(s, 'client1')).toBe('Disconnected/Disconnected');
    await s.call('linkcheck.advance', {});
    await s.call('linkcheck.advance', {});
    expect(await tapStatus(s, 'client1')).toBe('Up/Connected');
    const atDecision = await s.call('linkcheck.advance', {});
    expect(atDecision.current).toBe(6);
    expect(await s.refused('linkcheck.advance', {})).toMatchObject({ message: 'answer whether the test asks to unplug the cable again (again: true or false)' });

    // The test asks a second time (the wiki: possibly twice): another round is added.
    const second = await s.call('linkcheck.advance', { again: true });
    expect(second).toMatchObject({ cycle: 2, current: 7, outcome: 'running' });
    expect(second.steps[6]!.text).toBe("Wait until LinkCheck's message box on client1 asks you to unplug the cable (round 2); do not answer it yet");
    for (let i = 0; i < 5; i++) await s.call('linkcheck.advance', {});
    const done = await s.call('linkcheck.advance', { again: false });
    expect(done).toMatchObject({ outcome: 'done', current: null });
    expect(await s.refused('linkcheck.advance', {})).toMatchObject({ message: 'the guided LinkCheck on client1 is done' });

    const deadline = Date.now() + 10_000;
    let state = await linkcheckState();
    while (state !== 'passed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      state = await linkcheckState();
    }
    expect(state).toBe('passed');
    // Journal entries are pushed once they are on disk, which may be a moment after the answer.
    const journaled = () => s.pushed('journal').filter((e) => e.kind === 'linkcheck').map((e) => e.text);
    await until(() => (journaled().includes('LinkCheck needs no more rounds') ? true : undefined), 'the last LinkCheck entry');
    expect(journaled()).toEqual(expect.arrayContaining(['guided LinkCheck started (tapdiag /link)', 'step 2 done: Unplug: tapdiag /link:off on client1', 'LinkCheck asks for another round', 'LinkCheck needs no more rounds']));
    await until(() => (s.pushed('linkcheck').at(-1)?.outcome === 'done' ? true : undefined), 'the last LinkCheck event');
  });

  test('by stopping OpenVPN: the tunnel goes down and comes back; a failed step stays current to be tried again', async () => {
    await s.call('linkcheck.start', { machine: 'client2', method: 'service' });
    await s.call('linkcheck.advance', {});
    await s.call('linkcheck.advance', {});
    expect(s.lab.host('client2').service('OpenVPNService')!.status).toBe('Stopped');
    expect(await tapStatus(s, 'client2')).toBe('Disconnected/Disconnected');
    await s.call('linkcheck.advance', {});
    s.lab.host('client2').system.elevated = false;
    const failed = await s.call('linkcheck.advance', {});
    s.lab.host('client2').system.elevated = true;
    expect(failed.current).toBe(4);
    expect(failed.steps[3]).toMatchObject({ state: 'failed', error: expect.stringContaining('Cannot open OpenVPNService service') });
    const retried = await s.call('linkcheck.advance', {});
    expect(retried).toMatchObject({ current: 5, steps: [{}, {}, {}, { state: 'done', error: null }, { state: 'current' }, {}] });
    expect(await tapStatus(s, 'client2')).toBe('Up/Connected');
    expect((await s.call('linkcheck.cancel', {})).outcome).toBe('cancelled');
    expect(await s.refused('linkcheck.start', { machine: 'support' })).toMatchObject({ message: 'support is the support: LinkCheck unplugs the cable of the client that runs the test' });
  });
});
