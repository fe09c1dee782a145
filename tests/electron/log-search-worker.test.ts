import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogViewer } from '../../electron/logs/viewer/log-viewer';

/**
 * The log viewer's regular expression search runs off the main thread: a pattern that backtracks
 * without end is stopped after its time and said to be, while the main thread (every machine, the web
 * host, the journal) keeps running.
 */

let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hlka-log-search-'));
  log = join(dir, 'setupapi.dev.log');
  const lines = Array.from({ length: 2000 }, (_, i) => `>>>  [Device Install (Hardware initiated) - ROOT\\NET\\000${i % 10}]\r`);
  lines.splice(1500, 0, `${'a'.repeat(40)}b\r`);
  await writeFile(log, `${lines.join('\n')}\n`);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs `work` while measuring the longest gap between ticks of a 10 ms timer on this thread. */
async function longestStall<T>(work: Promise<T>): Promise<{ settled: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const [settled] = await Promise.allSettled([work]);
  clearInterval(tick);
  return { settled, stallMs };
}

describe('regular expression search', () => {
  it('stops a pattern that backtracks without end, says so, and never stalls the main thread', async () => {
    const viewer = new LogViewer(dir, 1000);
    const started = performance.now();
    const { settled, stallMs } = await longestStall(viewer.search(log, { query: '^(a+)+$', regex: true, caseSensitive: false }, { fromLine: 1, limit: 100 }));
    expect(settled.status).toBe('rejected');
    expect((settled as PromiseRejectedResult).reason.message).toMatch(
      /^the regular expression ran longer than 1 s on lines 1–2001 and was stopped: it backtracks without end on these lines; make it more specific$/,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(stallMs).toBeLessThan(250);
  });

  it('finds what a sound pattern matches, also after a pattern was stopped, with ^ and $ meaning the line', async () => {
    const viewer = new LogViewer(dir, 1000);
    await viewer.search(log, { query: '^(a+)+$', regex: true, caseSensitive: false }, { fromLine: 1, limit: 100 }).catch(() => undefined);
    const found = await viewer.search(log, { query: 'ROOT\\\\NET\\\\0007]$', regex: true, caseSensitive: true }, { fromLine: 1, limit: 1000 });
    expect(found.matches).toHaveLength(200);
    expect(found.matches[0]).toBe(8);
    expect(found.stoppedBecause).toBeNull();
    const plain = await viewer.search(log, { query: 'aaab', regex: false, caseSensitive: true }, { fromLine: 1, limit: 10 });
    expect(plain.matches).toEqual([1501]);
  });

  it('a search the operator cancels stops at once, with what it found so far and where to go on from', async () => {
    // A time limit far away: only the cancel can stop it this soon.
    const viewer = new LogViewer(dir, 60_000);
    const started = performance.now();
    const search = viewer.search(log, { query: '^(a+)+$', regex: true, caseSensitive: false }, { fromLine: 1, limit: 100 }, 'search-1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(viewer.cancelSearch('search-1')).toBe(true);
    const stopped = await search;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(stopped).toMatchObject({ matches: [], stoppedBecause: 'cancelled', nextLine: 1, totalLines: 2001 });
    // Nothing runs under that id any more; a later search works.
    expect(viewer.cancelSearch('search-1')).toBe(false);
    const plain = await viewer.search(log, { query: 'aaab', regex: false, caseSensitive: true }, { fromLine: 1, limit: 10 }, 'search-1');
    expect(plain).toMatchObject({ matches: [1501], stoppedBecause: null });
  });
});
