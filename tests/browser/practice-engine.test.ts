/**
 * The practice lab's engine chosen in the window: "The real scripts in PowerShell" starts the lab on the
 * PowerShell engine, so each machine's facts come from the real PowerShell running the real scripts
 * (PowerShell 7 here), where the model says Windows PowerShell 5.1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describePwsh } from '../support/pwsh';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const MACHINES = ['controller', 'client1', 'client2', 'support'];

async function powershellOf(page: Page, machine: string): Promise<string> {
  return page
    .getByTestId(`machine-${machine}-facts`)
    .locator('dt', { hasText: /^PowerShell$/ })
    .locator('xpath=following-sibling::dd[1]')
    .innerText();
}

describe.skipIf(chromiumMissing)('the practice lab engine in a browser', () => {
  describePwsh('choosing the real scripts', () => {
    let session: BrowserSession | null = null;

    beforeAll(async () => {
      session = await openBrowserSession();
    });
    afterAll(async () => {
      await session?.close();
    });

    test('the model is the default; the real scripts answer once chosen', { timeout: 300_000 }, async () => {
      const { page, url } = session!;
      await page.goto(url.href, { timeout: 15_000 });
      expect(await page.getByTestId('practice-engine-model').isChecked()).toBe(true);
      await page.getByTestId('practice-engine-powershell').check();
      await page.getByTestId('start-practice-ready').click();
      for (const name of MACHINES) {
        await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 240_000 });
        await expect.poll(() => powershellOf(page, name), { timeout: 60_000 }).toMatch(/^7\.\d+/);
      }
      await expect.poll(() => page.getByTestId('lab-summary').textContent()).toContain('4 of 4 machines connected');
      expect(await page.locator('body').innerText()).toContain('Practice lab (ready, real scripts)');
    });
  });
});
