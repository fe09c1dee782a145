/**
 * The HLK page's tests in Chromium through the web host and the broken practice lab: each result dated,
 * earlier ones told from those of this session, and a failed test one click from its task log.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lanTests, testId } from '../../electron/practice-lab/hlk-model';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

let session: BrowserSession | null = null;
let page: Page;

const row = (name: string) => page.getByTestId(`hlk-test-${testId(name)}`);

describe.skipIf(chromiumMissing)('HLK tests in a browser', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await page.goto(session.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-broken').click();
    for (const name of ['controller', 'client1', 'client2', 'support']) {
      await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
    }
  });

  afterAll(async () => {
    await session?.close();
  });

  test('a result found already there says when it completed and that it is an earlier one', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-hlk').click();
    await page.getByTestId('hlk-read').click();
    const open = page.getByTestId('hlk-open-project-tap-windows6');
    await Promise.race([row(lanTests.checkConnectivity.name).waitFor({ timeout: 60_000 }), open.waitFor({ timeout: 60_000 })]);
    if ((await row(lanTests.checkConnectivity.name).count()) === 0) await open.click();
    const passed = row(lanTests.checkConnectivity.name);
    await passed.waitFor({ timeout: 30_000 });
    expect(await passed.getAttribute('data-state')).toBe('passed');
    expect(await passed.getAttribute('data-result')).toBe('earlier');
    const when = (await page.getByTestId(`hlk-test-when-${testId(lanTests.checkConnectivity.name)}`).textContent()) ?? '';
    expect(when).toMatch(/earlier result completed (\d{4}-\d\d-\d\d \d\d:\d\d|\d\d:\d\d:\d\d) \(\d+ h( \d+ min)? ago\)/);
    expect(await page.getByTestId('hlk-test-counts').textContent()).toMatch(/7 of these results are earlier ones/);
    expect(session!.pageErrors).toEqual([]);
  });

  test('a failed test opens its task log in one click, or says what to do when none was collected', { timeout: 120_000 }, async () => {
    const faultHandling = row(lanTests.faultHandling.name);
    expect(await faultHandling.getAttribute('data-state')).toBe('failed');
    // Nothing collected yet: it says so, and what to do.
    await page.getByTestId(`hlk-task-log-${testId(lanTests.faultHandling.name)}`).click();
    const missing = page.getByTestId(`hlk-task-log-missing-${testId(lanTests.faultHandling.name)}`);
    await missing.waitFor({ timeout: 15_000 });
    expect(await missing.textContent()).toContain("no collection run has client1's logs yet: collect them on the Logs page");

    await page.getByTestId('page-logs').click();
    await page.getByTestId('collect-machine').selectOption('client1');
    await page.getByTestId('collect-start').click();
    await page.locator('[data-testid^="run-20"][data-state="finished"]').waitFor({ timeout: 60_000 });

    await page.getByTestId('page-hlk').click();
    await page.getByTestId(`hlk-task-log-${testId(lanTests.faultHandling.name)}`).click();
    const viewer = page.getByTestId('log-viewer');
    await viewer.waitFor({ timeout: 30_000 });
    expect(await viewer.getAttribute('data-file')).toMatch(/WTTJobRun76257277-2193-E911-82AA-080027895339[\\/]TaskLog\.log$/);
    await page.getByTestId('finding-ndisTestBinariesMissing').waitFor({ timeout: 30_000 });

    // A failed test whose task log the run does not hold says so rather than opening another test's.
    await page.getByTestId('page-hlk').click();
    await page.getByTestId(`hlk-task-log-${testId(lanTests.registry.name)}`).click();
    const none = page.getByTestId(`hlk-task-log-missing-${testId(lanTests.registry.name)}`);
    await none.waitFor({ timeout: 15_000 });
    expect(await none.textContent()).toContain(`none of the 1 task logs collected from client1 is of ${lanTests.registry.name}`);
    expect(session!.pageErrors).toEqual([]);
  });
});
