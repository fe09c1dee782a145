import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PassEvent } from '../../shared/hlk/pass-events';
import type { HlkTestsView } from '../../shared/hlk/views';
import type { HlkOutcome } from '../../shared/hlk/views';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { runningPass } from '../../electron/practice-lab/scenarios';
import { LabService } from '../../electron/service/lab-service';
import { labIdFor, labStatePaths } from '../../electron/service/lab-state';
import { serviceLab, until, type ServiceLab } from './service-lab';

/**
 * Babysitting the 'running' practice pass over SSH, through the lab service: progress and the ETA from
 * HLK's estimates, the HLK clock moved on by the test (no sleeping through simulated hours), the watch
 * turning what happens into events (a failure with its remedy, a client leaving Ready, a probable hang),
 * alerts POSTed to a real local HTTP server, and the history kept on disk per driver and kit.
 */

const min = 60_000;

function value<T>(outcome: HlkOutcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.value;
}

interface Hook {
  server: Server;
  url: string;
  bodies: Array<Record<string, unknown>>;
  /** Answers 503 to this many requests first. */
  failFirst: number;
}

async function webhookServer(): Promise<Hook> {
  const hook: Hook = { server: createServer(), url: '', bodies: [], failFirst: 0 };
  hook.server.on('request', (req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      if (hook.failFirst > 0) {
        hook.failFirst--;
        res.writeHead(503).end();
        return;
      }
      hook.bodies.push({ ...(JSON.parse(text) as Record<string, unknown>), contentType: req.headers['content-type'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
  return hook;
}

describe("babysitting the 'running' pass", () => {
  let s: ServiceLab;
  let hook: Hook;
  const test_ = (key: keyof typeof lanTests, view: HlkTestsView) => view.tests.find((t) => t.id === testId(lanTests[key].name))!;
  const events = () => s.pushed('passEvent') as PassEvent[];
  const read = async () => value(await s.call('hlk.tests', {}));

  beforeAll(async () => {
    hook = await webhookServer();
    s = await serviceLab({ scenario: 'running' });
    await s.settled();
    await s.call('alerts.configure', { alerts: { kinds: { infrastructure: true, 'test-failure': true, 'probable-hang': true, progress: false }, desktop: false, webhook: hook.url } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await new Promise((r) => hook?.server.close(r));
  });

  test('progress: done, running, queued, each test\'s expected time from HLK\'s estimate, and the ETA with its range', async () => {
    const view = await read();
    expect(view.progress).toMatchObject({ total: 11, done: 5, passed: 5, failed: 0, running: 2, queued: 4, notQueued: 0, unestimated: 0 });
    const hang = test_('mini6Stress', view);
    expect(hang.estimatedSeconds).toBe(3600);
    expect(hang.timing).toMatchObject({ basis: "HLK's estimate", expectedMs: 60 * min, verdict: 'on time', machine: 'HLK-CLIENT1' });
    // client2 has the most left: AddressChange's last 6 minutes, then E2EPerf 30, CheckConnectivity, 1c_FaultHandling 45.
    const now = view.progress.now;
    expect(view.progress.eta!.busiest).toBe('HLK-CLIENT2');
    // CheckConnectivity's four past runs took 9, 10, 9 and 11 minutes: its median, 9.5, is what it is expected to take.
    expect((view.progress.eta!.likely - now) / min).toBeCloseTo(6 + 30 + 9.5 + 45, 0);
    expect(view.progress.eta!.earliest).toBeLessThan(view.progress.eta!.likely);
    expect(view.progress.eta!.latest).toBeGreaterThan(view.progress.eta!.likely);
    expect(test_('checkConnectivity', view).history).toMatchObject({ flaky: true, failed: 2, recent: ['failed', 'passed', 'failed', 'passed'] });
    expect(test_('checkConnectivity', view).history!.text).toMatch(/^failed 2 of the last 4 runs \(driver 9\.24\.6\.601, HLK 1809\): flaky$/);
  });

  test('the watch finds the failure with its remedy, and the webhook gets it as JSON', { timeout: 60_000 }, async () => {
    await s.call('hlk.watchTests', { seconds: 1 });
    s.lab.clock.advance(35 * min);
    const failed = await until(() => events().find((e) => e.kind === 'test-failure'), 'a test-failure event');
    expect(failed.title).toBe(`${lanTests.e2ePerf.name} failed on HLK-CLIENT2`);
    expect(failed.next).toMatch(/^Known remedy: /);
    expect(failed.page).toBe('hlk');
    const body = await until(() => hook.bodies.find((b) => b.kind === 'test-failure'), 'the webhook POST');
    expect(body).toMatchObject({ source: 'hlk-assist', lab: 'Setup test lab', title: failed.title, next: failed.next, link: 'hlk-assist://lab/hlk', contentType: 'application/json' });
    // Nothing of a machine's access in it: no address, user, key or password.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1:\d+|Administrator|practice-|BEGIN|key/i);
  });

  test('client2 leaving Ready and its heartbeat going stale are infrastructure events', { timeout: 60_000 }, async () => {
    s.lab.clock.advance((runningPass.client2DropsAt - 35 + 1) * min);
    const left = await until(() => events().find((e) => e.title === 'HLK-CLIENT2 left Ready in HLK (NotReady)'), 'client2 leaving Ready');
    expect(left).toMatchObject({ kind: 'infrastructure', machine: 'client2' });
    expect(left.next).toMatch(/set it Ready again on the HLK Studio page/);
    s.lab.clock.advance(11 * min);
    const stale = await until(() => events().find((e) => e.title === 'HLK-CLIENT2 stopped sending HLK heartbeats'), 'a stale heartbeat');
    expect(stale.page).toBe('machines');
  });

  test('2c_Mini6Stress past twice its estimate and 15 minutes is a probable hang, with what to look at', { timeout: 60_000 }, async () => {
    s.lab.clock.advance(10 * min);
    const hang = await until(() => events().find((e) => e.kind === 'probable-hang'), 'a probable-hang event');
    expect(hang.title).toBe(`${lanTests.mini6Stress.name} probably hangs on HLK-CLIENT1`);
    expect(hang.detail).toMatch(/^Running for 2 h \d+ min, expected 60 min \(HLK's estimate\)\.$/);
    expect(hang.next).toMatch(/^look at the machine on HLK-CLIENT1/);
    const view = value(await s.call('hlk.tests', {}));
    expect(test_('mini6Stress', view).timing.verdict).toBe('probable hang');
    expect((await s.call('pass.events', {})).map((e) => e.kind)).toContain('probable-hang');
    await s.call('hlk.watchTests', { seconds: null });
  });

  test('the history is on disk per driver and kit, and a later read refines expected times with it', async () => {
    const file = JSON.parse(await readFile(labStatePaths(s.dataDir, labIdFor('file', 'Setup test lab', s.labPath)).history, 'utf8')) as {
      passes: Record<string, { runs: Array<{ test: string; status: string }> }>;
    };
    const pass = file.passes['9.24.6.601 | HLK 1809']!;
    expect(pass.runs.filter((r) => r.test === lanTests.e2ePerf.name).map((r) => r.status)).toEqual(['failed']);
    const view = await read();
    expect(test_('e2ePerf', view).timing.basis).toBe("this lab's past runs");
    expect(test_('e2ePerf', view).timing.expectedMs).toBe(25 * min);
  });
});

describe('alerts', () => {
  let hook: Hook;
  let service: LabService;
  let dir: string;
  beforeAll(async () => {
    hook = await webhookServer();
    const s = await serviceLab({ scenario: 'fresh' });
    dir = s.dataDir;
    await s.close();
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await new Promise((r) => hook?.server.close(r));
  });

  test('the test alert goes through; a webhook failing at first is tried again with backoff; settings survive a restart', async () => {
    service = new LabService({ dataDir: dir, host: 'web', webhook: { attempts: 3, timeoutMs: 2000, backoffMs: 50 } });
    const configured = await service.handle('alerts.configure', { alerts: { kinds: { infrastructure: false, 'test-failure': true, 'probable-hang': true, progress: false }, desktop: true, webhook: hook.url } });
    expect(configured.ok).toBe(true);
    hook.failFirst = 2;
    const sent = await service.handle('alerts.test', {});
    expect(sent).toMatchObject({ ok: true, result: { sent: true, desktop: false, webhook: { ok: true, attempts: 3, status: 204 } } });
    expect(hook.bodies.at(-1)).toMatchObject({ title: 'A test alert from hlk-assist', kind: 'infrastructure' });
    await service.close();
    service = new LabService({ dataDir: dir, host: 'web' });
    const again = await service.handle('alerts.settings', {});
    expect(again).toMatchObject({ ok: true, result: { webhook: hook.url, kinds: { infrastructure: false } } });
  });

  test('a webhook that never answers 2xx is given up after its attempts, said without its address', async () => {
    const s2 = new LabService({ dataDir: dir, host: 'web', webhook: { attempts: 2, timeoutMs: 500, backoffMs: 20 } });
    hook.failFirst = 5;
    const sent = await s2.handle('alerts.test', {});
    expect(sent).toMatchObject({ ok: true, result: { webhook: { ok: false, attempts: 2, error: 'the webhook answered 503 Service Unavailable (tried 2 times)' } } });
    hook.failFirst = 0;
    await s2.close();
  });

  test('a webhook address that is not http(s), or carries a password, is refused naming the field', async () => {
    for (const webhook of ['ftp://example.test/x', 'https://user:pw@example.test/x', 'not a url']) {
      const refused = await service.handle('alerts.configure', { alerts: { kinds: { infrastructure: true, 'test-failure': true, 'probable-hang': true, progress: true }, desktop: true, webhook } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(!refused.ok && refused.error.message).toMatch(/alerts\.webhook: an http:\/\/ or https:\/\/ address without a user name or password in it/);
    }
  });
});
