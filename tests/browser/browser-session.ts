/**
 * What every browser test needs: the built app, `node dist/web.js` with a fresh data folder, and Debian's
 * Chromium driven by playwright-core against the address the web host prints.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium'; // Debian's Chromium
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`tests/browser: skipped, ${CHROMIUM} is not installed`);

export interface BrowserSession {
  url: URL;
  context: BrowserContext;
  page: Page;
  /** The web host's data folder (runs/ is in it). */
  home: string;
  /** Messages the page wrote to its console as errors, Content-Security-Policy violations, and error answers from the host. */
  pageErrors: string[];
  /** What the web host wrote to its stderr so far (Node's warnings land there). */
  hostStderr(): string;
  close(): Promise<void>;
}

/** Starts `node dist/web.js --port 0 [args]` with a fresh data folder and waits for the address it prints. */
async function startWebHost(home: string, args: string[]): Promise<{ child: ChildProcess; url: URL; stderr: () => string }> {
  const child = spawn(process.execPath, ['dist/web.js', '--port', '0', ...args], {
    env: { ...process.env, HLK_ASSIST_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
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
  return { child, url, stderr: () => stderr };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function openBrowserSession(webHostArgs: string[] = [], viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  if (!existsSync('dist/web.js') || !existsSync('dist/renderer/index.html')) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', timeout: 120_000 });
  }
  const home = await mkdtemp(join(tmpdir(), 'hlk-assist-browser-home-'));
  const profile = await mkdtemp(join(tmpdir(), 'hlk-assist-browser-profile-'));
  const { child, url, stderr } = await startWebHost(home, webHostArgs);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    timeout: 30_000,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Every answer the page's own load gets, the favicon included, is a success.
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(url.origin)) pageErrors.push(`${r.status()} for ${new URL(r.url()).pathname}`);
  });
  return {
    url,
    context,
    page,
    home,
    pageErrors,
    hostStderr: stderr,
    close: async () => {
      await context.close().catch(() => undefined);
      await stop(child);
      await Promise.all([home, profile].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
