import { appendFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../electron/journal/journal';
import { killAfterAcks } from '../support/kill-after-acks';

let dir: string;
let writer: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hlka-journal-'));
  writer = join(dir, 'journal-writer.cjs');
  await build({ entryPoints: [join(__dirname, 'journal-writer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: writer, logLevel: 'silent' });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs the writer until it has acknowledged at least `acks` entries, then kills it with SIGKILL. */
function writeThenKill(path: string, acks: number): Promise<number[]> {
  return killAfterAcks(writer, [path], acks, { timeoutMs: 20_000, what: 'the writer' });
}

describe('the run journal', () => {
  it('loses no acknowledged entry when the writing process is killed with SIGKILL, twice', async () => {
    const path = join(dir, 'killed.jsonl');
    const first = await writeThenKill(path, 400);
    const afterFirst = await readJournal(path);
    const seqs = new Set(afterFirst.entries.map((e) => e.seq));
    expect(first.filter((s) => !seqs.has(s))).toEqual([]);
    // Whatever the kill cut short can only be the last line.
    expect(afterFirst.skipped.every((s) => s.reason.startsWith('torn'))).toBe(true);

    // A second writer opens the same journal (cutting any torn line), carries on numbering, and is killed too.
    const second = await writeThenKill(path, 200);
    const afterSecond = await readJournal(path);
    const all = afterSecond.entries.map((e) => e.seq);
    expect(new Set(all).size).toBe(all.length);
    expect([...first, ...second].filter((s) => !all.includes(s))).toEqual([]);
    expect(Math.min(...second)).toBeGreaterThan(Math.max(...first));
    expect(afterSecond.skipped.every((s) => s.reason.startsWith('torn'))).toBe(true);
  });

  it('tolerates a torn last line on reading and cuts it off on opening', async () => {
    const path = join(dir, 'torn.jsonl');
    const journal = await Journal.open(path);
    await journal.append({ machine: 'support', kind: 'reboot', text: 'rebooted' });
    await journal.append({ machine: null, kind: 'lab', text: 'practice lab started' });
    await journal.close();
    await appendFile(path, '{"seq":3,"at":"2026-11-20T02:00:00Z","machine":"cli');
    const read = await readJournal(path);
    expect(read.entries.map((e) => e.text)).toEqual(['rebooted', 'practice lab started']);
    expect(read.skipped).toEqual([{ line: 3, reason: expect.stringContaining('torn') }]);

    const reopened = await Journal.open(path);
    const next = await reopened.append({ machine: 'client1', kind: 'action', text: 'link off' });
    await reopened.close();
    expect(next.seq).toBe(3);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('"text":"link off"}\n')).toBe(true);
    expect((await readJournal(path)).skipped).toEqual([]);
  });

  it('reports a damaged line in the middle and keeps the rest', async () => {
    const path = join(dir, 'damaged.jsonl');
    await writeFile(path, '{"seq":1,"at":"2026-11-20T01:00:00Z","machine":null,"kind":"lab","text":"a"}\nnot json\n{"seq":2,"at":"2026-11-20T01:00:01Z","machine":null,"kind":"lab","text":"b"}\n');
    const read = await readJournal(path);
    expect(read.entries.map((e) => e.text)).toEqual(['a', 'b']);
    expect(read.skipped).toEqual([{ line: 2, reason: 'not a journal entry' }]);
  });

  it('numbers entries in order even when many are appended at once', async () => {
    const path = join(dir, 'burst.jsonl');
    const journal = await Journal.open(path);
    const entries = await Promise.all(Array.from({ length: 500 }, (_, i) => journal.append({ machine: null, kind: 'event', text: `e${i}` })));
    await journal.close();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const read = await readJournal(path);
    expect(read.entries.map((e) => e.text)).toEqual(entries.map((e) => e.text));
  });

  it('keeps sequence numbers unique when two processes write one journal at once', async () => {
    const path = join(dir, 'two-writers.jsonl');
    const [a, b] = await Promise.all([writeThenKill(path, 300), writeThenKill(path, 300)]);
    const read = await readJournal(path);
    const seqs = read.entries.map((e) => e.seq);
    expect(seqs.length - new Set(seqs).size).toBe(0);
    // In file order, every number is one more than the one before: no writer numbered from a stale copy.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect([...a, ...b].filter((s) => !seqs.includes(s))).toEqual([]);
    expect(read.skipped.every((s) => s.reason.startsWith('torn'))).toBe(true);
  }, 60_000);

  it('opens a journal larger than a string can hold at once, reading only its end', async () => {
    const path = join(dir, 'huge.jsonl');
    // 600 MB of damage (sparse: no disk used), then an entry: more than V8's longest string.
    await writeFile(path, '');
    await truncate(path, 600 * 1024 * 1024);
    await appendFile(path, '\n{"seq":41,"at":"2026-11-20T01:00:00Z","machine":null,"kind":"lab","text":"last"}\n');
    const started = Date.now();
    const journal = await Journal.open(path);
    const next = await journal.append({ machine: null, kind: 'lab', text: 'after' });
    await journal.close();
    expect(next.seq).toBe(42);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await stat(path)).size).toBeGreaterThan(600 * 1024 * 1024);
  });

  it('makes the journal readable by its user alone', async () => {
    const path = join(dir, 'private', 'journal.jsonl');
    const journal = await Journal.open(path);
    await journal.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'private'))).mode & 0o777).toBe(0o700);
  });
});
