/**
 * Readiness in the real UI, in Chromium through the web host, on the broken practice lab: the dashboard
 * shows every machine's failures with their reasons, worst first; a fix runs through a confirmation that
 * shows its exact script, and the check runs again by itself and turns green.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const MACHINES = ['controller', 'client1', 'client2', 'support'];
const rank: Record<string, number> = { fail: 0, unknown: 1, warn: 2, pass: 3, 'not-checked': 4 };

let session: BrowserSession | null = null;
let page: Page;

describe.skipIf(chromiumMissing)('readiness in a browser', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  test('the broken practice lab: one line per machine, failures with their reasons, worst first', { timeout: 90_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-broken').click();
    await page.getByTestId('page-readiness').click();
    for (const name of MACHINES) {
      await page.locator(`[data-testid="readiness-machine-${name}"][data-ready="false"]`).waitFor({ timeout: 60_000 });
      expect(await page.getByTestId(`readiness-machine-${name}`).textContent()).toMatch(/Not ready.*\d+ failing/);
    }
    await expect.poll(() => page.getByTestId('page-readiness').textContent()).toContain('0 of 4 ready');

    // Worst first: failing rows, then unknown, then warnings.
    const worst = await page.locator('[data-testid^="readiness-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-worst') ?? ''));
    expect(worst[0]).toBe('fail');
    expect(worst.map((w) => rank[w])).toEqual([...worst.map((w) => rank[w])].sort((a, b) => a! - b!));
    expect(worst).not.toContain('pass'); // passing checks are hidden until asked for

    // The reason is on the dashboard, in words as well as colour.
    const openvpn = page.getByTestId('readiness-cell-client1-openvpn-service');
    expect(await openvpn.getAttribute('data-status')).toBe('fail');
    expect(await openvpn.textContent()).toMatch(/Fails.*OpenVPNService is Stopped, start type Manual/);
    expect(await page.getByTestId('readiness-cell-client1-network-drives').textContent()).toContain('is Unavailable');

    // Filter by severity: without failing checks, only warnings remain; every check comes back with "passing".
    await page.getByTestId('readiness-filter-fail').uncheck();
    await expect.poll(() => page.getByTestId('readiness-row-openvpn-service').count()).toBe(0);
    expect(await page.getByTestId('readiness-row-openvpn-verbosity').count()).toBe(1);
    await page.getByTestId('readiness-filter-fail').check();
    await page.getByTestId('readiness-filter-pass').check();
    await expect.poll(async () => (await page.locator('[data-testid^="readiness-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-worst')))).includes('pass')).toBe(true);
    await page.getByTestId('readiness-filter-pass').uncheck();
  });

  test('runs a fix through a confirmation that shows the exact script; the check runs again and passes', { timeout: 90_000 }, async () => {
    await page.getByTestId('readiness-fix-client1-openvpn-service').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('OpenVPN service running, starting automatically');
    expect(text).toContain('client1');
    expect(text).toContain('services.ensureRunning');
    expect(text).toMatch(/"automaticStart": true/);
    expect(text).toContain('No reboot needed');
    expect(text).toContain('The checks of client1 run again by themselves');
    const script = (await dialog.locator('pre.script__text').textContent()) ?? '';
    expect(script.trimStart().startsWith('param($p)')).toBe(true);
    // Cancel has the focus: Enter at 2 a.m. changes nothing.
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('confirm-fix-cancel');
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/readiness-fix-dialog.png' });
    await page.getByTestId('confirm-fix').click();
    await dialog.waitFor({ state: 'detached' });

    const outcome = page.getByTestId('readiness-fix-outcome-client1-openvpn-service');
    await outcome.waitFor();
    await page.locator('[data-testid="readiness-fix-outcome-client1-openvpn-service"][data-status="fixed"]').waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/Fixed at \d\d:\d\d:\d\d: the check passes now/);
    const cell = page.getByTestId('readiness-cell-client1-openvpn-service');
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 15_000 }).toBe('pass');
    expect(await cell.textContent()).toMatch(/Passes.*OpenVPNService is running and starts automatically/);
    // The fixed check stays at the top until the operator has read the outcome.
    const first = await page.locator('[data-testid^="readiness-row-"]').first().getAttribute('data-testid');
    expect(first).toBe('readiness-row-openvpn-service');
    expect(await page.getByTestId('readiness-machine-client1').textContent()).not.toContain('fixing');

    await page.screenshot({ path: 'test-results/readiness.png' });
    expect(session!.pageErrors).toEqual([]);
  });

  test('the watch interval is the operator’s to set', { timeout: 15_000 }, async () => {
    await page.getByTestId('readiness-watch').selectOption('300');
    await expect.poll(() => page.getByTestId('readiness-watch').inputValue()).toBe('300');
    await page.getByTestId('readiness-watch').selectOption('');
    await expect.poll(() => page.getByTestId('readiness-watch').inputValue()).toBe('');
  });
});
