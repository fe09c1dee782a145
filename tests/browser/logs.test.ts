/**
 * Logs in the real UI, in Chromium through the web host and the practice lab: a collection from every
 * machine with its progress, a cancelled run resumed, the files of a run with what became of each, a
 * collected setupapi.dev.log in the viewer, and a generated log of more than a million lines that the
 * viewer scrolls, searches and jumps in while the page holds only the rows in view.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, openBrowserSession, type BrowserSession } from './browser-session';

const MACHINES = ['controller', 'client1', 'client2', 'support'];
/** The generated log: a million plain lines and a few that matter. */
const TOTAL_LINES = 1_000_100;
const MARKER_LINE = 777_777;
const LATE_FAILURE_LINE = 999_990;
/** However long the log, the page holds the rows in view and a margin: about 40 at this window size. */
const MAX_ROWS_IN_PAGE = 120;

let session: BrowserSession | null = null;
let page: Page;
let scratch: string;
let bigLog: string;

/** A setupapi.dev.log of TOTAL_LINES lines: "!" lines every 1000, a marker, and one untrusted-certificate failure early and one late. */
async function writeBigLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  let batch: string[] = [];
  const flush = async () => {
    if (!out.write(batch.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
    batch = [];
  };
  for (let n = 1; n <= TOTAL_LINES; n++) {
    let line: string;
    if (n === 1) line = '[Device Install Log]';
    else if (n === 1200 || n === LATE_FAILURE_LINE) line = '!!!  sto:      Failed to import driver package. Error = 0x800B0109';
    else if (n === MARKER_LINE) line = '     dvi: hlk-assist-marker: the line the search must land on';
    else if (n % 1000 === 0) line = `!    dvi:      Device not started: Device has problem: 0x1c (line ${n})`;
    else line = `     dvi: {Build Driver List} 08:12:${String(n % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')} line ${n}`;
    batch.push(`${line}\r\n`);
    if (batch.length === 10_000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Whether the row of `line` is drawn and inside the visible part of the log, with its text loaded. */
async function lineInView(line: number): Promise<boolean> {
  return page.getByTestId('log-lines').evaluate((scroller, n) => {
    const row = scroller.querySelector(`[data-line="${n}"]`);
    if (!row || row.querySelector('.line__text--loading')) return false;
    const a = row.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  }, line);
}

/** Opens a run's list of files (the newest run's is open already) and its complete files of one machine. */
async function showCompleteFiles(run: Locator, machine: string): Promise<void> {
  const toggle = run.locator('button[data-testid^="run-files-"]');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await run.locator(`[data-testid$="-${machine}"][data-testid^="run-complete-files-"]`).click();
}

describe.skipIf(chromiumMissing)('logs in a browser', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'hlk-assist-browser-logs-'));
    bigLog = join(await realpath(scratch), 'setupapi.dev.log');
    await writeBigLog(bigLog);
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  test('collects from every machine with progress, and never calls a run with missing files complete', { timeout: 120_000 }, async () => {
    await page.goto(session!.url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice-ready').click();
    for (const name of MACHINES) await page.locator(`[data-testid="machine-${name}-state"][data-state="connected"]`).waitFor({ timeout: 30_000 });
    await page.getByTestId('page-logs').click();
    // Remember every state a run and its overall progress bar showed, however short. (A script string:
    // the test's own code has no DOM types.)
    await page.evaluate(`(() => {
      const seen = (window.seenRuns = []);
      const note = () => {
        for (const run of document.querySelectorAll('[data-testid^="run-20"][data-state]')) {
          const bar = run.querySelector('[data-testid^="run-progress-"] progress');
          const text = run.querySelector('[data-testid^="run-progress-"] .bar__text')?.textContent ?? '';
          seen.push(run.getAttribute('data-state') + '|' + (bar ? bar.getAttribute('value') : 'no bar') + '|' + text);
        }
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.getByTestId('collect-start').click();
    const run = page.locator('[data-testid^="run-20"]').first();
    await page.locator('[data-testid^="run-20"][data-state="finished"]').waitFor({ timeout: 60_000 });
    const seen = (await page.evaluate('window.seenRuns')) as string[];
    expect(seen.some((s) => /^running\|\d+\|.* of .* · \d+ of \d+ files$/.test(s))).toBe(true);

    // client2's running test holds one log open and a finished job's log vanished: finished, not complete.
    const text = (await run.textContent()) ?? '';
    expect(text).toContain('Finished with gaps');
    expect(text).toMatch(/2 of \d+ files not collected \(1 locked, 1 vanished\)/);
    expect(text).not.toMatch(/\bComplete\b/);
    const files = page.locator('[data-testid^="run-files-list-"]');
    await files.waitFor();
    const locked = files.locator('[data-testid^="run-file-client2-"][data-status="locked"]');
    expect(await locked.count()).toBe(1);
    expect(await locked.textContent()).toMatch(/te\.wtl.*(in use|sharing|another process)/i);
    expect(await files.locator('[data-testid^="run-file-client2-"][data-status="vanished"]').count()).toBe(1);
    // Only complete files can be opened.
    expect(await locked.locator('button').count()).toBe(0);

    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/collection.png' });
  });

  test('a cancelled run says how many files it lacks, and Resume finishes it', { timeout: 60_000 }, async () => {
    await page.getByTestId('collect-machine').selectOption('client2');
    await page.getByTestId('collect-start').click();
    const cancel = page.locator('[data-testid^="run-cancel-"]');
    await cancel.click({ timeout: 10_000 });
    const cancelled = page.locator('[data-testid^="run-20"][data-state="cancelled"]');
    await cancelled.waitFor({ timeout: 20_000 });
    expect(await cancelled.textContent()).toMatch(/Cancelled.*not copied yet: resume to copy only those/);
    // The run's id is read while it is cancelled: once Resume is clicked the run leaves that state, and a
    // locator filtered by it finds nothing.
    const runId = (await cancelled.getAttribute('data-testid'))!.slice('run-'.length);
    await page.getByTestId(`run-resume-${runId}`).click();
    await page.locator(`[data-testid="run-${runId}"][data-state="finished"]`).waitFor({ timeout: 30_000 });
  });

  test('opens a collected setupapi.dev.log: the known failure beside it, a click on its line lands there', { timeout: 60_000 }, async () => {
    const finished = page.locator('[data-testid^="run-20"][data-state="finished"]').last();
    await showCompleteFiles(finished, 'client2');
    await finished.locator('[data-testid="open-file-client2-files/C/Windows/INF/setupapi.dev.log"]').click();
    await page.getByTestId('log-viewer').waitFor();
    const finding = page.getByTestId('finding-testCertificateNotTrusted');
    await finding.waitFor({ timeout: 30_000 });
    const lineButton = finding.locator('[data-testid^="finding-line-testCertificateNotTrusted-"]').first();
    const line = Number((await lineButton.getAttribute('data-testid'))!.split('-').pop());
    await lineButton.click();
    await expect.poll(() => lineInView(line), { timeout: 10_000 }).toBe(true);
    expect(await page.locator(`[data-testid="log-line"][data-line="${line}"]`).getAttribute('aria-current')).toBe('location');
    expect(await page.locator(`[data-testid="log-line"][data-line="${line}"]`).textContent()).toContain('0x800b0109');
  });

  test('a million-line log: only the rows in view in the page, to the end, search, a finding far down', { timeout: 120_000 }, async () => {
    await page.getByTestId('log-path').fill(bigLog);
    await page.getByTestId('log-open').click();
    await page.locator(`[data-testid="log-viewer"][data-file="${bigLog}"]`).waitFor({ timeout: 60_000 });
    const lines = page.getByTestId('log-lines');
    expect(await lines.getAttribute('data-rows')).toBe(String(TOTAL_LINES));
    await expect.poll(() => lineInView(1), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('log-line').count()).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);

    // To the end.
    await lines.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => lineInView(TOTAL_LINES), { timeout: 10_000 }).toBe(true);
    expect(await page.locator(`[data-line="${TOTAL_LINES}"]`).textContent()).toContain(`line ${TOTAL_LINES}`);
    expect(await page.getByTestId('log-line').count()).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);

    // Search: the one marker line, found in hlk-assist and shown with its match marked.
    await page.getByTestId('log-search').fill('HLK-ASSIST-MARKER');
    await page.getByTestId('log-search').press('Enter');
    await expect.poll(() => page.getByTestId('log-search-status').textContent(), { timeout: 30_000 }).toBe('Match 1 of 1.');
    await expect.poll(() => lineInView(MARKER_LINE), { timeout: 10_000 }).toBe(true);
    expect(await page.locator(`[data-line="${MARKER_LINE}"] mark`).textContent()).toBe('hlk-assist-marker');

    // The known failure far down the log, from the panel beside it.
    const late = page.getByTestId(`finding-line-testCertificateNotTrusted-${LATE_FAILURE_LINE}`);
    await late.waitFor({ timeout: 60_000 });
    await late.click();
    await expect.poll(() => lineInView(LATE_FAILURE_LINE), { timeout: 10_000 }).toBe(true);
    const landed = page.locator(`[data-testid="log-line"][data-line="${LATE_FAILURE_LINE}"]`);
    expect(await landed.getAttribute('aria-current')).toBe('location');
    expect(await landed.textContent()).toContain('Error = 0x800B0109');
    expect(await page.getByTestId('log-line').count()).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);
    await page.screenshot({ path: 'test-results/log-viewer.png' });

    // setupapi's "!" lines only: the filter is read in hlk-assist, the page still holds a screenful.
    await page.getByTestId('log-filter').selectOption('bang');
    await expect.poll(() => page.getByTestId('log-filter-status').textContent(), { timeout: 30_000 }).toMatch(/^1,002 “!” lines/);
    expect(await lines.getAttribute('data-rows')).toBe('1002');
    expect(await page.getByTestId('log-line').count()).toBeLessThanOrEqual(MAX_ROWS_IN_PAGE);
    // Jumping to a line the filter hides shows every line again, with that one in view.
    await page.getByTestId('log-search-next').click();
    await expect.poll(() => lines.getAttribute('data-rows')).toBe(String(TOTAL_LINES));
    await expect.poll(() => lineInView(MARKER_LINE), { timeout: 10_000 }).toBe(true);
    expect(session!.pageErrors).toEqual([]);
  });

  test('a finding with a fix runs it on the machine the log came from, after a confirmation with the script', { timeout: 60_000 }, async () => {
    await page.getByTestId('logs-collection').click();
    // The first run, from every machine (the newest is client2's alone).
    const finished = page.locator('[data-testid^="run-20"][data-state="finished"]').last();
    await showCompleteFiles(finished, 'support');
    await finished.locator('[data-testid^="open-file-support-"][data-testid$="/log/hlk.log"]').click();
    const fix = page.getByTestId('finding-fix-openvpnLinkDownAfterFaultHandling');
    await fix.waitFor({ timeout: 30_000 });
    await fix.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Restart OpenVPNService on support?');
    expect(text).toContain('the machine this log came from');
    expect(text).toContain('services.restart');
    expect(text).toContain('"name": "OpenVPNService"');
    expect((await dialog.locator('pre.script__text').textContent())?.trimStart().startsWith('param($p)')).toBe(true);
    await page.getByTestId('confirm-finding-fix').click();
    await page.locator('[data-testid="finding-fix-outcome-openvpnLinkDownAfterFaultHandling"][data-status="ok"]').waitFor({ timeout: 30_000 });
  });
});
