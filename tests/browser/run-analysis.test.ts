/**
 * A collection run read whole, in Chromium through the web host and the broken practice lab: "Analyze this
 * run" lists the known failures of every machine's files, each one click from its line; the stale drive
 * mapping found in client1's net use listing offers to delete exactly the drive that listing names.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

let session: BrowserSession | null = null;
let page: Page;

describe.skipIf(chromiumMissing)('a collection run analyzed in a browser', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  test('"Analyze this run" shows the findings of every machine, and one click opens the log at the line', { timeout: 120_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-broken').click();
    for (const name of ['controller', 'client1', 'client2', 'support']) {
      await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
    }
    await page.getByTestId('page-logs').click();
    await page.getByTestId('collect-start').click();
    const run = page.locator('[data-testid^="run-20"][data-state="finished"]');
    await run.waitFor({ timeout: 60_000 });
    const runId = (await run.getAttribute('data-testid'))!.slice('run-'.length);
    // Four machines copying four files each once made the web host warn of a listener leak.
    expect(session!.hostStderr()).not.toContain('MaxListenersExceededWarning');

    await page.getByTestId(`run-analyze-${runId}`).click();
    const analysis = page.locator(`[data-testid="run-analysis-${runId}"][data-status="done"]`);
    await analysis.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(`run-analysis-summary-${runId}`).textContent()).toMatch(/^\d+ known failures in \d+ files/);
    // Findings of more than one machine: client1's drive mapping and missing NDISTest binaries, client2's bug check.
    const machinesWithFindings = await analysis.locator('[data-testid^="run-finding-"][data-machine]').evaluateAll((items) => [...new Set(items.map((i) => i.getAttribute('data-machine')))]);
    expect(machinesWithFindings).toEqual(expect.arrayContaining(['client1', 'client2']));
    expect(await analysis.locator('[data-testid="run-finding-staleDriveMapping"][data-machine="client1"]').count()).toBeGreaterThanOrEqual(1);

    // One click from the finding in net use's listing to that line in the viewer.
    await analysis.locator('[data-testid="run-finding-open-staleDriveMapping-client1"]').first().click();
    await page.getByTestId('log-viewer').waitFor();
    await page.getByTestId('finding-staleDriveMapping').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('log-viewer').getAttribute('data-file')).toMatch(/net-use\.txt$|WttEa\.log$/);
    expect(session!.pageErrors).toEqual([]);
  });

  test('the stale drive mapping in net use\'s listing offers to delete that drive, with confirmation and the script', { timeout: 90_000 }, async () => {
    await page.getByTestId('logs-collection').click();
    const run = page.locator('[data-testid^="run-20"][data-state="finished"]');
    const runId = (await run.getAttribute('data-testid'))!.slice('run-'.length);
    const toggle = page.getByTestId(`run-files-${runId}`);
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await run.locator(`[data-testid^="run-complete-files-"][data-testid$="-client1"]`).click();
    await run.locator('[data-testid="open-file-client1-snapshots/net-use.txt"]').click();
    const fix = page.getByTestId('finding-fix-staleDriveMapping');
    await fix.waitFor({ timeout: 30_000 });
    expect(await fix.textContent()).toContain('Delete the drive mapping R:');
    await fix.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('on client1?');
    expect(text).toContain('shares.removeMappings');
    expect(text).toMatch(/"localPaths": \[\s*"R:"\s*\]/);
    expect((await dialog.locator('pre.script__text').textContent())?.trimStart().startsWith('param($p)')).toBe(true);
    await page.getByTestId('confirm-finding-fix').click();
    const outcome = page.locator('[data-testid="finding-fix-outcome-staleDriveMapping"][data-status="ok"]');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.textContent()).toContain('R:');
    expect(session!.pageErrors).toEqual([]);
  });
});
