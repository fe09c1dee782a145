import fc from 'fast-check';
import { appendFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../shared/api';
import type { LogAnalysis, LogFileInfo, LogLines, LogSearchResult } from '../../shared/logs/viewer';
import { MAX_VIEWER_LINE } from '../../shared/logs/viewer';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { LineIndex } from '../../electron/logs/viewer/line-index';
import { readLines } from '../../electron/logs/viewer/read-lines';
import { LabService } from '../../electron/service/lab-service';
import { fixture } from './fixtures';

/**
 * The log viewer's api: a line index built in one streaming pass, lines read by number in every
 * encoding Windows writes logs in, bounded searches, and only the paths the viewer may read.
 */

let scratch: string;
let runsDir: string;
let service: LabService;
let counter = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hlk-viewer-'));
  runsDir = join(scratch, 'runs');
  await mkdir(runsDir);
  service = new LabService({ dataDir: join(scratch, 'data'), host: 'web', runsDir });
});
afterAll(async () => {
  await service.close();
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, content: Buffer | string): Promise<string> {
  const file = join(scratch, `${counter++}-${name}`);
  await writeFile(file, content);
  return file;
}

async function call<T>(method: string, params: unknown): Promise<T> {
  const response: ApiResponse = await service.handle(method, params);
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
}

async function refused(method: string, params: unknown): Promise<{ code: string; message: string }> {
  const response = await service.handle(method, params);
  if (response.ok) throw new Error(`${method} was not refused`);
  return response.error;
}

/** Every line of a file through the index, read back a few at a time. */
async function allLines(file: string, readBytes?: number): Promise<string[]> {
  const index = await LineIndex.build(file, readBytes);
  const numbers = Array.from({ length: index.lines }, (_, i) => i + 1);
  return (await readLines(index, numbers)).map((l) => l.text);
}

const bom = { utf8: Buffer.from([0xef, 0xbb, 0xbf]), utf16le: Buffer.from([0xff, 0xfe]), utf16be: Buffer.from([0xfe, 0xff]) };
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('the line index', () => {
  it.each([
    ['LF', 'one\ntwo\nthree\n', ['one', 'two', 'three']],
    ['CRLF', 'one\r\ntwo\r\nthree\r\n', ['one', 'two', 'three']],
    ['no line break at the end', 'one\r\ntwo\r\nthree', ['one', 'two', 'three']],
    ['empty lines', '\r\n\r\nthird\r\n\r\n', ['', '', 'third', '']],
    ['an empty file', '', []],
    ['one line without a break', 'only', ['only']],
  ])('%s', async (_name, text, expected) => {
    const file = await scratchFile('lines.log', text);
    expect(await allLines(file)).toEqual(expected);
    expect(await allLines(file, 3)).toEqual(expected);
  });

  it('reads UTF-8 with a byte order mark, UTF-16LE and UTF-16BE with one, UTF-16LE without, and ANSI', async () => {
    const text = 'Gerät installiert\r\nzweite Zeile: ü ä ö\r\n\u2713 done\r\n';
    const expected = ['Gerät installiert', 'zweite Zeile: ü ä ö', '\u2713 done'];
    const files = await Promise.all([
      scratchFile('utf8bom.log', Buffer.concat([bom.utf8, Buffer.from(text, 'utf8')])),
      scratchFile('utf16le.log', Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')])),
      scratchFile('utf16be.log', Buffer.concat([bom.utf16be, utf16be(text)])),
      scratchFile('utf16le-nobom.log', Buffer.from(text, 'utf16le')),
    ]);
    for (const file of files) {
      expect(await allLines(file), file).toEqual(expected);
      expect(await allLines(file, 5), file).toEqual(expected);
    }
    const ansi = await scratchFile('ansi.log', Buffer.from('Gerät installiert\r\nGröße\r\n', 'latin1'));
    expect(await allLines(ansi)).toEqual(['Gerät installiert', 'Größe']);
  });

  it('UTF-16: 0x0A 0x00 across two characters is not a line break', async () => {
    // U+0A0A is the bytes 0A 0A: after a one-byte shift, a line feed pattern that is not one.
    const text = 'a\u0a0a\u0000b\r\nnext\r\n';
    const file = await scratchFile('utf16-tricky.log', Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')]));
    expect(await allLines(file)).toEqual(['a\u0a0a\u0000b', 'next']);
  });

  it('any text, cut into reads of any size, gives the lines String.split gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'ü', '\r', '\n', ' ', '\u2713', 'x') }), { maxLength: 30 }),
        fc.constantFrom('utf8', 'utf16le'),
        fc.integer({ min: 2, max: 40 }),
        async (pieces, encoding, readBytes) => {
          const text = pieces.join('');
          const file = await scratchFile('prop.log', encoding === 'utf8' ? Buffer.concat([bom.utf8, Buffer.from(text)]) : Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')]));
          const expected = text === '' ? [] : text.split('\n').map((l) => l.replace(/\r$/, ''));
          if (text.endsWith('\n')) expected.pop();
          expect(await allLines(file, readBytes)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('numbers lines as the analysis does: a finding line read back is the line the finding quotes', async () => {
    const log = fixture('setupapi/untrusted-test-certificate/setupapi.dev.log');
    const analysis = await analyzeLogFile(log);
    const index = await LineIndex.build(log);
    expect(index.lines).toBe(analysis.lines);
    const quoted = analysis.findings.flatMap((f) => f.lines);
    expect(quoted.length).toBeGreaterThan(0);
    const read = await readLines(index, quoted.map((l) => l.line));
    expect(read.map((l) => l.text)).toEqual(quoted.map((l) => l.text));
  });

  it('follows a log that grows, and starts again for one rewritten shorter', async () => {
    const file = await scratchFile('growing.log', 'one\r\ntwo');
    const opened = await call<LogFileInfo>('logs.open', { path: file });
    expect(opened.lines).toBe(2);
    await appendFile(file, ' continued\r\nthree\r\n');
    const grown = await call<LogLines>('logs.readLines', { file, from: 1, count: 10 });
    expect(grown.totalLines).toBe(3);
    expect(grown.lines.map((l) => l.text)).toEqual(['one', 'two continued', 'three']);
    await writeFile(file, 'new\r\n');
    const rewritten = await call<LogLines>('logs.readLines', { file, from: 1, count: 10 });
    expect(rewritten).toEqual({ totalLines: 1, lines: [{ line: 1, text: 'new', cut: false }] });
  });
});

describe('logs.open and logs.readLines', () => {
  let file: string;
  beforeAll(async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`);
    file = await scratchFile('five-thousand.log', `${lines.join('\r\n')}\r\n`);
  });

  it('says what the log is', async () => {
    const info = await call<LogFileInfo>('logs.open', { path: file });
    expect(info).toMatchObject({ path: file, name: file.split('/').pop(), run: null, machine: null, remotePath: null, kind: 'text', encoding: 'utf-8', lines: 5000 });
  });

  it('reads only the lines asked for, up to the end of the file and not past it', async () => {
    const some = await call<LogLines>('logs.readLines', { file, from: 4998, count: 10 });
    expect(some.totalLines).toBe(5000);
    expect(some.lines).toEqual([
      { line: 4998, text: 'line 4998', cut: false },
      { line: 4999, text: 'line 4999', cut: false },
      { line: 5000, text: 'line 5000', cut: false },
    ]);
    expect((await call<LogLines>('logs.readLines', { file, from: 5001, count: 10 })).lines).toEqual([]);
    const listed = await call<LogLines>('logs.readLines', { file, lines: [4000, 2, 3, 9999, 2] });
    expect(listed.lines.map((l) => [l.line, l.text])).toEqual([
      [2, 'line 2'],
      [3, 'line 3'],
      [4000, 'line 4000'],
    ]);
  });

  it('cuts a line longer than the viewer shows, and says so', async () => {
    const long = await scratchFile('long-line.log', `short\r\n${'x'.repeat(3 * MAX_VIEWER_LINE)}\r\nafter\r\n`);
    const read = await call<LogLines>('logs.readLines', { file: long, from: 1, count: 3 });
    expect(read.lines.map((l) => [l.text.length, l.cut])).toEqual([
      [5, false],
      [MAX_VIEWER_LINE, true],
      [5, false],
    ]);
  });

  it('refuses more lines than a page, and line numbers below 1', async () => {
    expect((await refused('logs.readLines', { file, from: 1, count: 100_000 })).code).toBe('invalid-request');
    expect((await refused('logs.readLines', { file, from: 0, count: 10 })).code).toBe('invalid-request');
    expect((await refused('logs.readLines', { file, from: 1, count: 10, lines: [1] })).code).toBe('invalid-request');
  });
});

describe('logs.search', () => {
  let file: string;
  beforeAll(async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 100 === 99 ? `!!!  sig: Error 0x800b0109 at ${i + 1}` : `     dvi: step ${i + 1}`));
    file = await scratchFile('search.log', `${lines.join('\r\n')}\r\n`);
  });

  it('finds text in any letter case, or exactly, and every matching line once', async () => {
    const any = await call<LogSearchResult>('logs.search', { file, query: 'ERROR 0X800B0109', limit: 1000 });
    expect(any.matches).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 100));
    expect(any).toMatchObject({ nextLine: null, stoppedBecause: null, searchedTo: 3000, totalLines: 3000 });
    const exact = await call<LogSearchResult>('logs.search', { file, query: 'ERROR 0X800B0109', caseSensitive: true, limit: 1000 });
    expect(exact.matches).toEqual([]);
    const twice = await call<LogSearchResult>('logs.search', { file, query: '0', limit: 1000 });
    expect(new Set(twice.matches).size).toBe(twice.matches.length);
  });

  it('tries a regular expression on each line, so ^ is the start of a line', async () => {
    const bangs = await call<LogSearchResult>('logs.search', { file, query: '^!', regex: true, limit: 1000 });
    expect(bangs.matches).toHaveLength(30);
    const ends = await call<LogSearchResult>('logs.search', { file, query: 'at 300$', regex: true, limit: 1000 });
    expect(ends.matches).toEqual([300]);
  });

  it('stops at the limit and says where to go on from', async () => {
    const first = await call<LogSearchResult>('logs.search', { file, query: 'sig:', limit: 7 });
    expect(first.matches).toEqual([100, 200, 300, 400, 500, 600, 700]);
    expect(first).toMatchObject({ nextLine: 701, stoppedBecause: 'limit' });
    const next = await call<LogSearchResult>('logs.search', { file, query: 'sig:', limit: 7, fromLine: first.nextLine! });
    expect(next.matches[0]).toBe(800);
  });

  it('refuses a regular expression that is not one, and more matches than allowed', async () => {
    const bad = await refused('logs.search', { file, query: '(unclosed', regex: true, limit: 10 });
    expect(bad).toMatchObject({ code: 'invalid-request' });
    expect(bad.message).toContain('not a regular expression');
    expect((await refused('logs.search', { file, query: 'x', limit: 1_000_000 })).code).toBe('invalid-request');
    expect((await refused('logs.search', { file, query: 'two\nlines', limit: 10 })).code).toBe('invalid-request');
  });
});

describe('which paths the viewer reads', () => {
  let inRun: string;
  const run = '2024-04-29T08-12-01Z';
  beforeAll(async () => {
    inRun = join(runsDir, run, 'client2', 'files', 'C', 'Windows', 'INF');
    await mkdir(inRun, { recursive: true });
    await writeFile(join(inRun, 'setupapi.dev.log'), await readFile(fixture('setupapi/untrusted-test-certificate/setupapi.dev.log')));
    await writeFile(
      join(runsDir, run, 'manifest.json'),
      JSON.stringify({
        format: 'hlk-assist-collection/1',
        run,
        lab: 'test',
        createdAt: '2024-04-29T08:12:01Z',
        updatedAt: '2024-04-29T08:12:09Z',
        state: 'finished',
        request: { machines: ['client2'], extraPaths: [], zip: false },
        zip: null,
        problem: null,
        machines: [
          {
            name: 'client2',
            role: 'client',
            state: 'finished',
            reason: null,
            staging: null,
            listed: true,
            items: [],
            files: [
              {
                remotePath: 'C:\\Windows\\INF\\setupapi.dev.log',
                localPath: 'files/C/Windows/INF/setupapi.dev.log',
                source: 'setupapi',
                status: 'complete',
                size: 1,
                copied: 1,
                modified: null,
                sha256: null,
                verified: false,
                reason: null,
              },
            ],
          },
        ],
      }),
    );
  });

  it('a file of a run, by its path relative to the runs folder: with its run, machine and path on the machine', async () => {
    const info = await call<LogFileInfo>('logs.open', { path: `${run}/client2/files/C/Windows/INF/setupapi.dev.log` });
    expect(info).toMatchObject({ run, machine: 'client2', remotePath: 'C:\\Windows\\INF\\setupapi.dev.log', kind: 'setupapi' });
    expect(info.path).toBe(join(inRun, 'setupapi.dev.log'));
    // The full path the answer gives is what the other requests take.
    expect((await call<LogLines>('logs.readLines', { file: info.path, from: 1, count: 1 })).lines).toHaveLength(1);
  });

  it('refuses a relative path that leads out of the runs folder, by .. or by a link', async () => {
    const outside = await scratchFile('outside.log', 'secret\r\n');
    const up = await refused('logs.open', { path: `../${outside.split('/').pop()}` });
    expect(up).toMatchObject({ code: 'log-file' });
    expect(up.message).toContain('leads out of the runs folder');
    await symlink(outside, join(runsDir, run, 'link.log'));
    const linked = await refused('logs.readLines', { file: `${run}/link.log`, from: 1, count: 1 });
    expect(linked.message).toContain('through a link');
  });

  it('a full path elsewhere must exist and be a regular file', async () => {
    expect((await refused('logs.open', { path: join(scratch, 'missing.log') })).message).toContain('no such file');
    expect((await refused('logs.open', { path: scratch })).message).toContain('is a folder');
    expect((await refused('logs.search', { file: '/dev/zero', query: 'x', limit: 1 })).message).toContain('not a regular file');
  });

  it('a file that is not text gets a clear error', async () => {
    const dump = await scratchFile('042824-15031-01.dmp', Buffer.concat([Buffer.from('PAGEDU64'), Buffer.alloc(4096)]));
    const error = await refused('logs.open', { path: dump });
    expect(error.code).toBe('log-file');
    expect(error.message).toMatch(/042824-15031-01\.dmp is not a text log \(.*NUL bytes.*\); the viewer shows text logs only/);
  });

  it('logs.analyze reads a file, or a run folder whole, with the analyzer the CLI uses; a folder elsewhere is refused', async () => {
    const one = await call<LogAnalysis>('logs.analyze', { paths: [join(inRun, 'setupapi.dev.log')] });
    const direct = await analyzeLogFile(join(inRun, 'setupapi.dev.log'));
    expect(one.findings).toEqual(direct.findings);
    expect(one.findings.length).toBeGreaterThan(0);
    const whole = await call<LogAnalysis>('logs.analyze', { paths: [run] });
    expect(whole.files.map((f) => f.file)).toContain(join(inRun, 'setupapi.dev.log'));
    expect(whole.skipped).toEqual([]);
    expect((await refused('logs.analyze', { paths: [scratch] })).message).toContain('only folders in the runs folder');
  });
});

describe('in the desktop app, a log outside the runs folder only when the operator picked it', () => {
  let app: LabService;
  let appRuns: string;
  /** What the file dialog answers next: a path, or null for Cancel. */
  let dialogAnswer: string | null = null;
  beforeAll(async () => {
    appRuns = join(scratch, 'app-runs');
    await mkdir(join(appRuns, '2024-04-29T08-12-01Z', 'client1'), { recursive: true });
    await writeFile(join(appRuns, '2024-04-29T08-12-01Z', 'client1', 'hlk.log'), 'in the run\r\n');
    // The Electron shell hands its file dialog over; here a function stands in for the operator's click.
    app = new LabService({ dataDir: join(scratch, 'app-data'), host: 'electron', runsDir: appRuns, pickFile: async () => dialogAnswer });
  });
  afterAll(() => app.close());

  const answer = (method: string, params: unknown) => app.handle(method, params);

  it('reads the runs folder, refuses any other path the page sends, and reads a file once it was picked', async () => {
    expect(await answer('logs.open', { path: '2024-04-29T08-12-01Z/client1/hlk.log' })).toMatchObject({ ok: true, result: { lines: 1, machine: 'client1' } });
    const elsewhere = await scratchFile('elsewhere.log', 'private\r\n');
    for (const [method, params] of [
      ['logs.open', { path: elsewhere }],
      ['logs.readLines', { file: elsewhere, from: 1, count: 1 }],
      ['logs.search', { file: elsewhere, query: 'private', limit: 1 }],
      ['logs.analyze', { paths: [elsewhere] }],
    ] as const) {
      const refusal = await answer(method, params);
      expect(refusal, method).toMatchObject({ ok: false, error: { code: 'log-file' } });
      expect(!refusal.ok && refusal.error.message, method).toBe(
        `${elsewhere} is outside the runs folder and was not picked by the operator: open it with "Choose a file…", so hlk-assist knows you chose it`,
      );
    }
    // Cancel in the dialog picks nothing.
    dialogAnswer = null;
    expect(await answer('logs.pick', {})).toEqual({ ok: true, result: { path: null } });
    expect(await answer('logs.open', { path: elsewhere })).toMatchObject({ ok: false });
    dialogAnswer = elsewhere;
    expect(await answer('logs.pick', {})).toEqual({ ok: true, result: { path: elsewhere } });
    expect(await answer('logs.open', { path: elsewhere })).toMatchObject({ ok: true, result: { lines: 1 } });
    expect(await answer('logs.search', { file: elsewhere, query: 'private', limit: 1 })).toMatchObject({ ok: true, result: { matches: [1] } });
    // Picking one file opens no other.
    const neighbour = await scratchFile('neighbour.log', 'other\r\n');
    expect(await answer('logs.open', { path: neighbour })).toMatchObject({ ok: false, error: { code: 'log-file' } });
  });

  it('the web host has no file dialog: a path typed in its page is the operator\'s pick', async () => {
    expect(await service.handle('logs.pick', {})).toMatchObject({ ok: false, error: { code: 'invalid-request', message: "this window has no file dialog: type the log's full path" } });
  });
});
