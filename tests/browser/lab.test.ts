/**
 * The real UI in Chromium against the real web host and the practice lab: start the lab, see every
 * machine connected with its facts, run an operation, read its script, and check that a wrong token
 * gets nothing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CHROMIUM = '/usr/bin/chromium'; // Debian's Chromium
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const MACHINES = ['controller', 'client1', 'client2', 'support'];
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`tests/browser: skipped, ${CHROMIUM} is not installed`);

let host: ChildProcess | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url: URL;
const temp: string[] = [];

/** Starts `node dist/web.js --port 0` with a fresh data folder and waits for the address it prints. */
async function startWebHost(): Promise<URL> {
  const home = await mkdtemp(join(tmpdir(), 'hlk-assist-browser-home-'));
  temp.push(home);
  const child = spawn(process.execPath, ['dist/web.js', '--port', '0'], {
    env: { ...process.env, HLK_ASSIST_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = child;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no address in 20 s; stderr: ${stderr}`)), 20_000);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /hlk-assist web: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(new URL(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}; stderr: ${stderr}`));
    });
  });
}

async function stopWebHost(): Promise<void> {
  const child = host;
  host = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

describe.skipIf(chromiumMissing)('the lab in a browser', () => {
  beforeAll(async () => {
    if (!existsSync('dist/web.js') || !existsSync('dist/renderer/index.html')) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', timeout: 120_000 });
    }
    url = await startWebHost();
    const profile = await mkdtemp(join(tmpdir(), 'hlk-assist-browser-profile-'));
    temp.push(profile);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
      timeout: 30_000,
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await stopWebHost();
    await Promise.all(temp.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test('starts the practice lab and shows every machine connected with its facts', { timeout: 60_000 }, async () => {
    await page.goto(url.href, { timeout: 15_000 });
    await page.getByTestId('start-practice').click();
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

  test('saves a screenshot of the lab', { timeout: 15_000 }, async () => {
    await mkdir('test-results', { recursive: true });
    await page.getByTestId('machine-controller').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/lab.png' });
  });

  test('a wrong token gets neither the page nor the api', { timeout: 30_000 }, async () => {
    const wrong = new URL(url.href);
    wrong.searchParams.set('token', 'not-the-token');
    const other = await context!.newPage();
    try {
      const response = await other.goto(wrong.href, { timeout: 15_000 });
      expect(response?.status()).toBe(403);
      expect(await other.locator('[data-testid^="machine-"]').count()).toBe(0);
      expect(await other.getByTestId('start-practice').count()).toBe(0);
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
});
