/**
 * A pass walked as an operator walks it, in Chromium through the web host: the ready practice lab (a step
 * confirmed by hand, a guided LinkCheck cancelled after "Unplug"), then the fresh one, which must show
 * nothing of the ready lab's state, and a header that sums up what needs the operator.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const MACHINES = ['controller', 'client1', 'client2', 'support'];

let session: BrowserSession | null = null;
let page: Page;

async function allConnected(): Promise<void> {
  for (const name of MACHINES) await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
}

/** How often the Events panel says a text. */
async function eventsSaying(text: string): Promise<number> {
  await page.getByTestId('page-machines').click();
  const events = (await page.getByTestId('events').textContent()) ?? '';
  return events.split(text).length - 1;
}

async function openPractice(scenario: 'ready' | 'fresh' | 'broken', title: string): Promise<void> {
  await page.getByTestId('open-another-lab').click();
  await page.getByTestId(`start-practice-${scenario}`).click();
  await page.getByTestId('switch-lab-confirm').click();
  await expect.poll(() => page.locator('.lab__name').textContent(), { timeout: 30_000 }).toBe(title);
  await allConnected();
}

describe.skipIf(chromiumMissing)('a pass walked through the practice scenarios', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await mkdir('test-results', { recursive: true });
  });

  afterAll(async () => {
    await session?.close();
  });

  test('the page loads without an error, a missing favicon included', { timeout: 30_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-ready').waitFor();
    // The browser asks for an icon once the page has loaded; give it the moment it takes.
    await page.waitForLoadState('networkidle');
    expect(session!.pageErrors).toEqual([]);
    expect(await page.locator('link[rel="icon"]').count()).toBe(1);
  });

  test('the ready lab: a static key confirmed by hand', { timeout: 90_000 }, async () => {
    await page.getByTestId('start-practice-ready').click();
    await allConnected();
    await page.getByTestId('page-setup').click();
    await page.getByTestId('checklist-client-preparation').click();
    await page.getByTestId('step-confirm-client-preparation-static-key-client1').click();
    await page.locator('[data-testid="step-client-preparation-static-key-client1"][data-state="manual-confirmed"]').waitFor({ timeout: 10_000 });
  });

  test('a guided LinkCheck cancelled after "Unplug" asks first and plugs the cable back in; the header says it was unplugged meanwhile', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-tapdiag').click();
    await page.getByTestId('linkcheck-start').click();
    await page.getByTestId('confirm-action').click();
    await page.locator('[data-testid="linkcheck-current"][data-n="1"]').waitFor();
    await page.getByTestId('linkcheck-advance').click();
    await page.locator('[data-testid="linkcheck-current"][data-n="2"]').waitFor();
    await page.getByTestId('linkcheck-advance').click();
    await page.locator('[data-testid="linkcheck-current"][data-n="3"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="tapdiag-client1-link"][data-link="off"]').waitFor({ timeout: 15_000 });
    // The card shows the adapter's link as it is now, not as it was read before the guide unplugged it.
    await page.locator('[data-testid="tapdiag-client1-adapter"][data-media="Disconnected"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('lab-summary').textContent(), { timeout: 15_000 }).toContain('client1 left unplugged');

    await page.getByTestId('linkcheck-cancel').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toMatch(/plug the cable back in on client1/);
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('linkcheck-cancel-keep');
    await page.getByTestId('linkcheck-cancel-confirm').click();
    await page.locator('[data-testid="linkcheck"][data-outcome="cancelled"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="tapdiag-client1-link"][data-link="on"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('lab-summary').textContent(), { timeout: 15_000 }).not.toContain('unplugged');
  });

  test('after a reboot the tapdiag card shows what was set as lost history, not as the state now', { timeout: 120_000 }, async () => {
    await page.getByTestId('page-tapdiag').click();
    await page.getByTestId('tapdiag-client2-q-on').click();
    await page.getByTestId('confirm-action').click();
    await page.locator('[data-testid="tapdiag-client2-q"][data-q="on"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('tapdiag-client2-q').locator('strong').textContent()).toBeTruthy();

    await page.getByTestId('page-machines').click();
    await page.getByTestId('machine-client2-reboot').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('page-tapdiag').click();
    await page.getByTestId('tapdiag-client2-lost').waitFor({ timeout: 90_000 });
    const q = page.getByTestId('tapdiag-client2-q');
    expect(await q.textContent()).toMatch(/was .*on.*, lost at the reboot/);
    expect(await q.locator('strong').count()).toBe(0);
    await page.getByTestId('page-machines').click();
    await page.locator('[data-testid="machine-client2-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
  });

  test('the fresh lab shows nothing of the ready lab: its own checklist progress and events, even after a reload', { timeout: 120_000 }, async () => {
    expect(await eventsSaying('practice lab started')).toBe(1);
    await openPractice('fresh', 'Practice lab (fresh)');
    expect(await eventsSaying('practice lab started')).toBe(1);
    await page.getByTestId('page-setup').click();
    await page.getByTestId('checklist-client-preparation').click();
    await page.locator('[data-testid="step-client-preparation-static-key-client1"][data-state="pending"]').waitFor({ timeout: 10_000 });

    await page.reload();
    await allConnected();
    expect(await eventsSaying('practice lab started')).toBe(1);
  });

  test('the header sums up readiness and setup: the fresh lab does not say "nothing needs attention"', { timeout: 90_000 }, async () => {
    await expect.poll(() => page.getByTestId('page-readiness').textContent(), { timeout: 60_000 }).toMatch(/\d of 4 ready/);
    const summary = page.getByTestId('lab-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/not ready \(.*client1.*\)/);
    expect(await summary.textContent()).not.toContain('nothing needs attention');
    await page.getByTestId('attention-not-ready').locator('button').click();
    await page.getByTestId('page-readiness').and(page.locator('[aria-current="page"]')).waitFor();
    await page.screenshot({ path: 'test-results/walk-fresh.png' });
  });

  test('on the fresh lab a fix or an HLK action is offered only when it can work, and otherwise says what comes first', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-setup').click();
    await page.getByTestId('checklist-test-linkcheck').click();
    const waits = page.getByTestId('step-fix-waits-test-linkcheck-tapdiag-enabled-client1');
    await waits.waitFor({ timeout: 30_000 });
    expect(await waits.textContent()).toContain('tapdiag.exe on the machine');
    expect(await page.getByTestId('step-fix-test-linkcheck-tapdiag-enabled-client1').count()).toBe(0);

    await page.getByTestId('page-hlk').click();
    const order = page.getByTestId('hlk-pool-order');
    await order.waitFor({ timeout: 60_000 });
    await expect.poll(() => order.textContent(), { timeout: 30_000 }).toContain('HLK has no pool named');
    expect(await order.textContent()).not.toContain('not in the right order');
    expect(await page.getByTestId('hlk-arrange-pool').count()).toBe(0);
    await page.screenshot({ path: 'test-results/walk-fresh-hlk.png', fullPage: true });
  });

  test('each machine card shows what runs on it, and lists only the operations its role can run', { timeout: 60_000 }, async () => {
    await page.getByTestId('page-machines').click();
    const openvpn = page.getByTestId('machine-client1-runs-openvpn-service');
    await expect.poll(() => openvpn.getAttribute('data-status'), { timeout: 30_000 }).not.toBe('not-checked');
    expect(await openvpn.textContent()).toMatch(/OpenVPN.*OpenVPNService/);
    await expect.poll(() => page.getByTestId('machine-controller-runs-hlk-controller-services').getAttribute('data-status'), { timeout: 30_000 }).not.toBe('not-checked');
    expect(await page.getByTestId('machine-controller-runs').textContent()).toContain('HLK services');
    expect(await page.getByTestId('machine-client1-runs').textContent()).toContain('Tunnel peer');

    const offered = (machine: string) => page.getByTestId(`op-select-${machine}`).locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(await offered('client1')).not.toContain('hlk.pools');
    expect(await offered('client1')).toContain('tapdiag.status');
    expect(await offered('controller')).toContain('hlk.pools');
    expect(await offered('controller')).not.toContain('tapdiag.status');
    await page.getByTestId('machine-client1').screenshot({ path: 'test-results/walk-client1-card.png' });
  });

  test('a fix that takes effect after a reboot says so and offers the reboot, rather than "the check still fails"', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-readiness').click();
    await page.getByTestId('readiness-fix-client1-test-signing').click();
    await page.getByTestId('confirm-fix').click();
    const outcome = page.getByTestId('readiness-fix-outcome-client1-test-signing');
    await outcome.waitFor({ timeout: 30_000 });
    await expect.poll(() => outcome.getAttribute('data-status'), { timeout: 60_000 }).not.toBe('running');
    expect(await outcome.getAttribute('data-status')).toBe('needs-reboot');
    expect(await outcome.textContent()).toMatch(/takes effect once client1 reboots/);
    expect(await outcome.textContent()).not.toMatch(/ran .*but the check still/);
    expect(await page.getByTestId('readiness-fix-outcome-client1-test-signing-reboot').count()).toBe(1);
  });

  test('one fix on every machine that needs it: asked once, with each machine and the script, then run on all', { timeout: 120_000 }, async () => {
    await page.getByTestId('page-readiness').click();
    await page.getByTestId('readiness-fix-all-test-certificate').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const facts = (await page.getByTestId('confirm-fix-all-facts').textContent()) ?? '';
    for (const m of ['client1', 'client2', 'support']) expect(facts).toContain(`On ${m}`);
    expect((await dialog.locator('pre.script__text').textContent())?.trimStart().startsWith('param($p)')).toBe(true);
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('confirm-fix-all-cancel');
    await page.getByTestId('confirm-fix-all').click();
    await dialog.waitFor({ state: 'detached' });
    for (const m of ['client1', 'client2', 'support']) {
      await page.locator(`[data-testid="readiness-fix-outcome-${m}-test-certificate"][data-status="fixed"]`).waitFor({ timeout: 60_000 });
    }
  });

  test('the log viewer marks every line of a known failure, not only the first five, and its filter shows them all', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hlk-assist-walk-log-'));
    try {
      const failing = Array.from({ length: 12 }, (_, i) => 20 + 2 * i);
      const lines = Array.from({ length: 60 }, (_, i) =>
        failing.includes(i + 1) ? '!!!  sto:      Failed to import driver package. Error = 0x800B0109' : `     dvi: {Build Driver List} line ${i + 1}`,
      );
      const log = join(await realpath(dir), 'setupapi.dev.log');
      await writeFile(log, `[Device Install Log]\r\n${lines.slice(1).join('\r\n')}\r\n`);
      await page.getByTestId('page-logs').click();
      await page.getByTestId('logs-viewer').click();
      await page.getByTestId('log-path').fill(log);
      await page.getByTestId('log-open').click();
      const finding = page.getByTestId('finding-testCertificateNotTrusted');
      await finding.waitFor({ timeout: 30_000 });
      expect(await finding.textContent()).toContain('Found on 12 lines');
      await page.getByTestId('finding-all-lines-testCertificateNotTrusted').click();
      expect(await finding.locator('[data-testid^="finding-line-testCertificateNotTrusted-"]').count()).toBe(12);
      await page.getByTestId('log-filter').selectOption('findings');
      await expect.poll(() => page.getByTestId('log-lines').getAttribute('data-rows'), { timeout: 15_000 }).toBe('12');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a collection says what it did not find, and a path that is not a full path is refused in words before anything runs', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-logs').click();
    await page.getByTestId('logs-collection').click();
    await page.getByTestId('collect-machine').selectOption('client1');
    await page.getByTestId('collect-paths').fill('Logs\\mine.log');
    const bad = page.getByTestId('collect-bad-paths');
    await bad.waitFor({ timeout: 10_000 });
    expect(await bad.textContent()).toContain('Logs\\mine.log: not a full path');
    expect(await page.getByTestId('collect-start').isDisabled()).toBe(true);

    await page.getByTestId('collect-paths').fill('C:\\No Such Folder\\*.log');
    await page.getByTestId('collect-start').click();
    const run = page.locator('[data-testid^="run-20"][data-state="finished"]').first();
    await run.waitFor({ timeout: 60_000 });
    const text = (await run.textContent()) ?? '';
    expect(text).toContain('Finished, some not found');
    expect(text).not.toMatch(/\bComplete\b/);
    const runId = (await run.getAttribute('data-testid'))!.slice('run-'.length);
    expect(await page.getByTestId(`run-not-found-${runId}-client1`).textContent()).toContain('C:\\No Such Folder\\*.log');
    await page.screenshot({ path: 'test-results/walk-collection.png', fullPage: true });
  });

  test('the Rename adapters confirmation lists the renames it will make', { timeout: 30_000 }, async () => {
    await page.getByTestId('page-machines').click();
    await page.getByTestId('machine-client1-adapter-names').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toMatch(/Renames.*→ “MessageDevice”/);
    await page.getByTestId('confirm-action-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe.skipIf(chromiumMissing)('a lab file with a machine nothing answers for', () => {
  let other: BrowserSession | null = null;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlk-assist-walk-lab-'));
    // A port that was free a moment ago: nothing listens there, so connecting is refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    // A real key, so that what fails is the connection, not finding a way to log in.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')], { timeout: 10_000 });
    const lab = { name: 'Unreachable lab', machines: [{ name: 'client9', role: 'client', host: '127.0.0.1', port, user: 'Administrator', auth: { type: 'key', file: join(dir, 'key') } }] };
    await writeFile(join(dir, 'lab.json'), JSON.stringify(lab));
    other = await openBrowserSession(['--lab', join(dir, 'lab.json')]);
  });

  afterAll(async () => {
    await other?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the card says in words why it cannot connect, and readiness says why it is not checked', { timeout: 60_000 }, async () => {
    const p = other!.page;
    await p.goto(other!.url.href, { timeout: 15_000 });
    const card = p.getByTestId('machine-client9');
    await card.waitFor({ timeout: 15_000 });
    await p.locator('[data-testid="machine-client9-state"][data-state="unreachable"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toMatch(/Unreachable.* — 127\.0\.0\.1:\d+ refused the connection: nothing listens there/);
    expect(await card.textContent()).not.toMatch(/ECONNREFUSED:|connect ECONNREFUSED/);
    await p.screenshot({ path: 'test-results/walk-unreachable.png' });
    await p.getByTestId('page-readiness').click();
    await expect.poll(() => p.getByTestId('readiness-machine-client9').textContent(), { timeout: 15_000 }).toContain('Cannot be checked: unreachable');
  });
});
