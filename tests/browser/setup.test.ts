/**
 * The guided setup in the real UI, in Chromium through the web host, on the ready practice lab: OpenVPN is
 * stopped on client1 from its card (so the client checklist's OpenVPN step breaks), then the client checklist
 * is walked to the end (the broken step fixed through a confirmation with its script, the static key confirmed
 * by hand on each client); tapdiag takes client1's TAP link down and up again; the journal shows those
 * actions with the script that ran; the pass report is written.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const CLIENTS = ['client1', 'client2'];

let session: BrowserSession | null = null;
let page: Page;

/** Accepts the open confirmation after checking it names the machine and shows the script of the operation. */
async function confirmAction(machine: string, scriptHas: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 });
  expect(await page.getByTestId('confirm-action-facts').textContent()).toContain(machine);
  expect(await dialog.locator('pre.script__text').first().textContent()).toContain(scriptHas);
  // Cancel has the focus: Enter at 2 a.m. changes nothing.
  expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('confirm-action-cancel');
  await page.getByTestId('confirm-action').click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
}

async function stepStates(checklist: string): Promise<string[]> {
  return page.locator(`[data-testid="checklist-view"][data-checklist="${checklist}"] li.step`).evaluateAll((steps) => steps.map((s) => `${s.getAttribute('data-testid')}: ${s.getAttribute('data-state')}`));
}

describe.skipIf(chromiumMissing)('the guided setup in a browser', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await mkdir('test-results', { recursive: true });
  });

  afterAll(async () => {
    await session?.close();
  });

  test('OpenVPN stopped from client1’s card breaks the client checklist’s OpenVPN step', { timeout: 90_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-ready').click();
    for (const name of ['controller', ...CLIENTS, 'support']) {
      await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
    }
    // The checklists judge the machines once their checks have run.
    await page.getByTestId('page-setup').click();
    await page.locator('[data-testid="step-client-preparation-openvpn-service-client1"][data-state="done"]').waitFor({ timeout: 60_000 });

    await page.getByTestId('page-machines').click();
    await page.getByTestId('machine-client1-openvpn-stop').click();
    await confirmAction('client1', 'Stop-Service');
    await page.locator('[data-testid="machine-client1-action"][data-status="ok"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('machine-client1-action').textContent()).toMatch(/Stop OpenVPN done.*OpenVPNService: Stopped/);

    await page.getByTestId('page-setup').click();
    const row = page.getByTestId('step-client-preparation-openvpn-service-client1');
    await page.locator('[data-testid="step-client-preparation-openvpn-service-client1"][data-state="broken"]').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toMatch(/Broken.*OpenVPNService is Stopped/);
    expect(await page.getByTestId('page-setup').textContent()).toMatch(/broken/);
  });

  test('walks the client checklist to the end: the broken step fixed after a confirmation, the static key confirmed by hand', { timeout: 120_000 }, async () => {
    await page.getByTestId('checklist-client-preparation').click();
    const left = (await page.getByTestId('checklist-left').textContent()) ?? '';
    expect(left).toMatch(/^Left to do:/);
    expect(left).toMatch(/OpenVPN service running, starting automatically \(broken\)/);
    expect(left).toContain('The same static key on both ends of the tunnel');

    await page.getByTestId('step-fix-client-preparation-openvpn-service-client1').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toMatch(/services\.ensureRunning/);
    expect(await dialog.textContent()).toContain('"automaticStart": true');
    await confirmAction('client1', 'Start-Service');
    await page.locator('[data-testid="step-client-preparation-openvpn-service-client1"][data-state="done"]').waitFor({ timeout: 60_000 });

    for (const client of CLIENTS) {
      const id = `client-preparation-static-key-${client}`;
      expect(await page.getByTestId(`step-${id}`).getAttribute('data-state')).toBe('pending');
      await page.getByTestId(`step-confirm-${id}`).click();
      await page.locator(`[data-testid="step-${id}"][data-state="manual-confirmed"]`).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId(`step-${id}`).textContent()).toContain('Confirmed by hand');
    }

    // Every step done or confirmed: the fixed OpenVPN brought the tunnel's checks back as well.
    await expect.poll(() => stepStates('client-preparation'), { timeout: 60_000 }).toSatisfy((states: string[]) => states.length > 0 && states.every((s) => /: (done|manual-confirmed)$/.test(s)));
    expect(await page.getByTestId('checklist-left').textContent()).toBe('Every step is done or confirmed.');
    expect(await page.getByTestId('checklist-progress').textContent()).toMatch(/all \d+ done/);
    await page.getByTestId('checklist-view').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/setup-checklist.png' });
  });

  test('tapdiag on client1: link off takes the TAP adapter’s link down, link on brings it back', { timeout: 90_000 }, async () => {
    await page.getByTestId('page-tapdiag').click();
    const adapter = page.getByTestId('tapdiag-client1-adapter');
    await page.locator('[data-testid="tapdiag-client1-adapter"][data-media="Connected"]').waitFor({ timeout: 30_000 });

    await page.getByTestId('tapdiag-client1-link-off').click();
    await confirmAction('client1', "'/link:' + $link");
    await page.locator('[data-testid="tapdiag-client1-adapter"][data-media="Disconnected"]').waitFor({ timeout: 30_000 });
    expect(await adapter.textContent()).toMatch(/Ethernet 2: link down \(disconnected\)/);
    // The link set and the adapter's media state come from different reads: wait for each, never assume both arrived.
    await expect.poll(() => page.getByTestId('tapdiag-client1-link').getAttribute('data-link'), { timeout: 15_000 }).toBe('off');
    await page.screenshot({ path: 'test-results/tapdiag.png' });

    await page.getByTestId('tapdiag-client1-link-on').click();
    await confirmAction('client1', "'/link:' + $link");
    await page.locator('[data-testid="tapdiag-client1-adapter"][data-media="Connected"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('tapdiag-client1-link').getAttribute('data-link'), { timeout: 15_000 }).toBe('on');
  });

  test('the journal shows those actions with the script that ran, filtered by machine', { timeout: 60_000 }, async () => {
    await page.getByTestId('page-journal').click();
    const entries = page.getByTestId('journal-entries');
    await expect.poll(() => entries.textContent(), { timeout: 15_000 }).toContain('tapdiag set link on');
    const text = (await entries.textContent()) ?? '';
    // Newest first.
    expect(text.indexOf('tapdiag set link on')).toBeLessThan(text.indexOf('tapdiag set link off'));
    expect(text).toContain('Stop services: done');

    await page.getByTestId('journal-machine').selectOption('client1');
    await expect.poll(() => page.locator('[data-testid^="journal-entry-"] .timeline__machine').allTextContents(), { timeout: 15_000 }).toSatisfy(
      (machines: string[]) => machines.length > 0 && machines.every((m) => m === 'client1'),
    );

    // The action that unplugged the cable opens to its parameters, outcome and the very script that ran.
    const unplug = page.locator('[data-testid^="journal-entry-"][data-kind="operation"]', { hasText: 'Plug or unplug' }).last();
    await unplug.locator('summary').click();
    const details = (await unplug.textContent()) ?? '';
    expect(details).toContain('tapdiag.setLink');
    expect(details).toContain('"link": "off"');
    expect(details).toMatch(/Script SHA-256[0-9a-f]{64}/);
    expect(await unplug.locator('pre.script__text').textContent()).toContain("'/link:' + $link");
    await page.screenshot({ path: 'test-results/journal.png' });
  });

  test('exports the pass report and says where it was written', { timeout: 30_000 }, async () => {
    await page.getByTestId('report-markdown').click();
    const written = page.getByTestId('report-written');
    await written.waitFor({ timeout: 15_000 });
    const path = /Written to (\S+\.md)/.exec((await written.textContent()) ?? '')?.[1];
    expect(path?.startsWith(join(session!.home, 'reports'))).toBe(true);
    const report = await readFile(path!, 'utf8');
    expect(report).toContain('Client preparation');
    expect(report).toContain('tapdiag set link off');
    // In a browser that path is on the host: the same report downloads to the computer the browser runs on.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toBe(basename(path!));
    expect(await readFile((await download.path())!, 'utf8')).toBe(report);
    expect(session!.pageErrors).toEqual([]);
  });
});
