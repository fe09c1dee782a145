/**
 * Babysitting in the real UI, in Chromium through the web host, on the 'running' practice pass (run in this
 * process, so the test moves its HLK clock on instead of sleeping): the HLK Studio page shows the pass's
 * progress and ETA and each test's expected time; watching it, a failure and a probable hang appear in
 * "What happened" and as the browser's notifications (the web mode's Notification path), the header names
 * the hanging test; alert settings survive reloading the page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { PracticeLab } from '../../electron/practice-lab/practice-lab';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const min = 60_000;

describe.skipIf(chromiumMissing)('babysitting a running pass in a browser', () => {
  let session: BrowserSession | null = null;
  let lab: PracticeLab | null = null;
  let dir: string;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-babysit-'));
    lab = await PracticeLab.start({ dir: join(dir, 'lab'), scenario: 'running', rebootDownMs: 300 });
    await writeFile(join(dir, 'lab.json'), JSON.stringify(lab.labFile('Running pass')));
    session = await openBrowserSession(['--lab', join(dir, 'lab.json')]);
    page = session.page;
    await session.context.grantPermissions(['notifications'], { origin: session.url.origin });
    // Records every notification the page shows, then shows it as the browser would.
    await page.addInitScript(() => {
      // Runs in the page; this file compiles without the DOM's types, hence the plain shapes.
      type Options = { body?: string };
      type NotificationClass = (new (title: string, options?: Options) => object) & { permission: string };
      const w = globalThis as unknown as { Notification: NotificationClass; shownNotifications: Array<{ title: string; body: string }> };
      const Original = w.Notification;
      w.shownNotifications = [];
      class Recording extends Original {
        constructor(title: string, options?: Options) {
          super(title, options);
          w.shownNotifications.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
      w.Notification = Recording as unknown as NotificationClass;
    });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const shown = () => page.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);

  test('the HLK Studio page shows the pass: done, running, queued, the ETA with its range, each test\'s expected time', { timeout: 120_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.locator('[data-testid="machine-controller-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('page-hlk').click();
    await page.getByTestId('pass-progress').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('pass-progress-counts').textContent()).toBe('5 of 11 done (5 passed, 0 failed) · 2 running · 4 queued');
    expect(await page.getByTestId('pass-eta').textContent()).toMatch(/^Ends in 1 h 3\d min \(about \d\d:\d\d; between \d\d:\d\d and \d\d:\d\d\) · HLK-CLIENT2 has the most left$/);
    expect(await page.getByTestId(`hlk-timing-${testId(lanTests.mini6Stress.name)}`).textContent()).toMatch(/^expected 1 h · running 50 min$/);
    expect(await page.getByTestId(`hlk-history-${testId(lanTests.checkConnectivity.name)}`).textContent()).toMatch(/^Flaky: failed 2 of the last 4 runs/);
    expect(await page.getByTestId('summary-pass').textContent()).toMatch(/pass: 5 of 11 done, ends in 1 h 3\d min/);
    await page.screenshot({ path: 'test-results/babysitting-progress.png', fullPage: true });
  });

  test('watching: a failure and a probable hang appear with what to do, as browser notifications, and in the header', { timeout: 120_000 }, async () => {
    await page.getByTestId('alert-desktop').waitFor();
    expect(await page.getByTestId('alert-desktop').isChecked()).toBe(true);
    await page.getByTestId('hlk-watch').selectOption('5');
    lab!.clock.advance(35 * min);
    const failure = page.locator('[data-testid="pass-event"][data-kind="test-failure"]');
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.textContent()).toMatch(new RegExp(`^${lanTests.e2ePerf.name.replace(/[[\]]/g, '\\$&')} failed on HLK-CLIENT2.*Next: Known remedy: `));
    await expect.poll(async () => (await shown()).map((n) => n.title), { timeout: 10_000 }).toContain(`${lanTests.e2ePerf.name} failed on HLK-CLIENT2`);

    lab!.clock.advance(60 * min);
    const hang = page.locator('[data-testid="pass-event"][data-kind="probable-hang"]');
    await hang.waitFor({ timeout: 30_000 });
    expect(await hang.textContent()).toMatch(/probably hangs on HLK-CLIENT1.*Next: look at the machine on HLK-CLIENT1/);
    const row = page.getByTestId(`hlk-timing-${testId(lanTests.mini6Stress.name)}`);
    expect(await row.getAttribute('data-verdict')).toBe('probable hang');
    expect(await row.textContent()).toMatch(/Probably hangs: look at the machine on HLK-CLIENT1/);
    const verdicts = await page.locator('[data-verdict="probable hang"], [data-verdict="stuck in queue"]').evaluateAll((cells) => cells.map((c) => `${c.closest('tr')?.querySelector('.htest__name')?.textContent}: ${c.getAttribute('data-verdict')}`));
    expect(verdicts).toEqual([`${lanTests.mini6Stress.name}: probable hang`]);
    expect(await page.getByTestId('attention-hlk-hang').textContent()).toMatch(/2c_Mini6Stress probably hangs/);
    await expect.poll(async () => (await shown()).map((n) => n.title), { timeout: 10_000 }).toContain(`${lanTests.mini6Stress.name} probably hangs on HLK-CLIENT1`);
    // client2 left Ready on the way: an infrastructure event.
    expect(await page.locator('[data-testid="pass-event"][data-kind="infrastructure"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^HLK-CLIENT2 left Ready in HLK \(NotReady\)/)]));
    await page.screenshot({ path: 'test-results/babysitting-events.png', fullPage: true });
  });

  test('alert settings are kept: a kind turned off stays off after reloading, a bad webhook is refused in words; the test alert is shown', { timeout: 60_000 }, async () => {
    await page.getByTestId('alert-kind-progress').check();
    await page.getByTestId('alert-webhook').fill('ftp://chat.example.test/hook');
    await page.getByTestId('alert-webhook-save').click();
    await expect.poll(() => page.getByTestId('alert-error').textContent(), { timeout: 10_000 }).toMatch(/alerts\.webhook: an http:\/\/ or https:\/\/ address without a user name or password in it/);
    await page.getByTestId('alert-test').click();
    await expect.poll(() => page.getByTestId('alert-delivery').textContent(), { timeout: 10_000 }).toMatch(/Webhook: none set\./);
    await expect.poll(async () => (await shown()).map((n) => n.title), { timeout: 10_000 }).toContain('A test alert from hlk-assist');
    await page.reload();
    await page.getByTestId('page-hlk').click();
    await page.getByTestId('alert-kind-progress').waitFor();
    expect(await page.getByTestId('alert-kind-progress').isChecked()).toBe(true);
    expect(await page.getByTestId('alert-kind-infrastructure').isChecked()).toBe(true);
  });
});
