/**
 * The real UI in Chromium against the real web host and the practice lab: start the lab, see every
 * machine connected with its facts, run an operation, read its script, and check that a wrong token
 * gets nothing.
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const MACHINES = ['controller', 'client1', 'client2', 'support'];

let session: BrowserSession | null = null;
let context: BrowserContext;
let page: Page;
let url: URL;

describe.skipIf(chromiumMissing)('the lab in a browser', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    ({ context, page, url } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  test('starts the practice lab and shows every machine connected with its facts', { timeout: 60_000 }, async () => {
    await page.goto(url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-ready').click();
    for (const name of MACHINES) {
      await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
      const facts = page.getByTestId(`machine-${name}-facts`);
      await expect.poll(() => facts.textContent(), { timeout: 15_000 }).toMatch(/Windows Server 20(16|19)/);
      expect(await facts.textContent()).toMatch(/10\.0\.\d+\.\d+/); // version with the update build revision
      expect(await page.getByTestId(`machine-${name}`).textContent()).toMatch(/Administrator@127\.0\.0\.1:\d+/);
    }
    await expect.poll(() => page.getByTestId('lab-summary').textContent()).toContain('4 of 4 machines connected');
    // Controller first, then clients, then support.
    const order = await page.locator('[data-testid^="machine-"][id^="machine-card-"]').evaluateAll((cards) =>
      cards.map((c) => c.getAttribute('data-testid')),
    );
    expect(order).toEqual(MACHINES.map((n) => `machine-${n}`));
    expect(await page.getByTestId('events').textContent()).toContain('practice lab started');
  });

  test('runs a read-only operation and shows its result', { timeout: 30_000 }, async () => {
    await page.getByTestId('op-select-client1').selectOption('network.adapters');
    await page.getByTestId('op-params-client1').fill('{}');
    await page.getByTestId('op-run-client1').click();
    const result = page.locator('[data-testid="op-result-client1"][data-status="ok"]');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toContain('MessageDevice');
  });

  test('refuses parameters that are not JSON without sending them', { timeout: 15_000 }, async () => {
    await page.getByTestId('op-select-client2').selectOption('system.facts');
    await page.getByTestId('op-params-client2').fill('{"names": [');
    await page.getByTestId('op-run-client2').click();
    await page.getByText('Parameters are not valid JSON').waitFor();
    expect(await page.getByTestId('op-result-client2').count()).toBe(0);
  });

  test('shows the exact PowerShell of an operation', { timeout: 15_000 }, async () => {
    await page.getByTestId('op-select-controller').selectOption('system.facts');
    await page.getByTestId('op-script-controller').click();
    const script = page.getByTestId('op-script-text-controller');
    await script.waitFor();
    const text = (await script.textContent()) ?? '';
    expect(text.trimStart().startsWith('param($p)')).toBe(true);
    expect(text).toContain('Get-CimInstance');
  });

  test('asks before an operation that changes the machine, and cancelling runs nothing', { timeout: 15_000 }, async () => {
    await page.getByTestId('op-select-support').selectOption('system.reboot');
    await page.getByTestId('op-run-support').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('support');
    expect(text).toContain('shutdown.exe');
    // Cancel has the focus: Enter at 2 a.m. must not reboot anything.
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('confirm-cancel');
    await page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('op-result-support').count()).toBe(0);
    expect(await page.locator('[data-testid="machine-support-state"]').getAttribute('data-state')).toBe('connected');
  });

  test('the operation list, its buttons and parameters stay inside their card, whatever the titles', { timeout: 15_000 }, async () => {
    for (const name of MACHINES) {
      const inside = await page.getByTestId(`machine-${name}`).evaluate((card, m) => {
        const box = card.getBoundingClientRect();
        return ['op-select', 'op-run', 'op-script', 'op-params'].every((part) => {
          const r = card.querySelector(`[data-testid="${part}-${m}"]`)!.getBoundingClientRect();
          return r.left >= box.left && r.right <= box.right;
        });
      }, name);
      expect(inside, name).toBe(true);
    }
  });

  test('saves a screenshot of the lab', { timeout: 15_000 }, async () => {
    await mkdir('test-results', { recursive: true });
    await page.getByTestId('machine-controller').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/lab.png' });
  });

  test('a wrong token gets neither the page nor the api', { timeout: 30_000 }, async () => {
    const wrong = new URL(url.href);
    wrong.searchParams.set('token', 'not-the-token');
    const other = await context.newPage();
    try {
      const response = await other.goto(wrong.href, { timeout: 15_000 });
      expect(response?.status()).toBe(403);
      expect(await other.locator('[data-testid^="machine-"]').count()).toBe(0);
      expect(await other.getByTestId('start-practice-ready').count()).toBe(0);
    } finally {
      await other.close();
    }
    // The api itself, asked with the page's own Host and Origin but a wrong token.
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://${url.host}/api?token=not-the-token`, { origin: url.origin, handshakeTimeout: 10_000 });
      ws.on('open', () => {
        ws.close();
        resolve('opened');
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve(`refused ${res.statusCode}`);
        ws.terminate();
      });
      ws.on('error', (e) => resolve(`error ${e.message}`));
    });
    expect(refused).toBe('refused 403');
  });

  test('opening another lab asks first; cancelling keeps the open one', { timeout: 60_000 }, async () => {
    await page.getByTestId('open-another-lab').click();
    await page.getByTestId('choose-lab').waitFor();
    await page.getByTestId('start-practice-fresh').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Close “Practice lab (ready)” and open the practice lab (fresh)?');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('switch-lab-cancel');
    await page.getByTestId('switch-lab-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('choose-lab-back').click();
    expect(await page.locator('[data-testid="machine-controller-state"]').getAttribute('data-state')).toBe('connected');

    await page.getByTestId('open-another-lab').click();
    await page.getByTestId('start-practice-fresh').click();
    await page.getByTestId('switch-lab-confirm').click();
    await expect.poll(() => page.locator('.lab__name').textContent(), { timeout: 30_000 }).toBe('Practice lab (fresh)');
    await page.locator('[data-testid="machine-client1-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
  });
});
