/**
 * A pass walked as an operator walks it, in Chromium through the web host: the ready practice lab (a step
 * confirmed by hand, a guided LinkCheck cancelled after "Unplug"), then the fresh one, which must show
 * nothing of the ready lab's state, and a header that sums up what needs the operator.
 */
import { mkdir } from 'node:fs/promises';
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

  test('the ready lab: a static key confirmed by hand', { timeout: 90_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
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
});
