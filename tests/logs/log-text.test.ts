import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeLogFile } from '../../electron/logs/analysis/analyze-log';
import { LiteralAutomaton } from '../../electron/logs/analysis/literal-automaton';
import { scanMarkedLines } from '../../electron/logs/analysis/line-scanner';
import { NotTextError, openLogText } from '../../electron/logs/analysis/log-text';
import { fixture } from './fixtures';

let scratch: string;
let counter = 0;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hlk-logtext-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, content: Buffer | string): Promise<string> {
  const file = join(scratch, `${counter++}-${name}`);
  await writeFile(file, content);
  return file;
}

async function wholeText(file: string, chunkBytes?: number): Promise<{ text: string; chunks: string[] }> {
  const log = await openLogText(file, chunkBytes);
  const chunks: string[] = [];
  for await (const chunk of log.chunks()) chunks.push(chunk);
  return { text: chunks.join(''), chunks };
}

const bom = {
  utf8: Buffer.from([0xef, 0xbb, 0xbf]),
  utf16le: Buffer.from([0xff, 0xfe]),
  utf16be: Buffer.from([0xfe, 0xff]),
};

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('encodings Windows writes logs in', () => {
  const taskLog = fixture('hlk/fault-handling-task.log');

  it('reads UTF-16LE with a byte order mark (PowerShell, HLK) and CRLF line ends like UTF-8', async () => {
    const text = (await readFile(taskLog, 'utf8')).replace(/\n/g, '\r\n');
    const file = await scratchFile('TaskLog.log', Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')]));
    const [utf16, utf8] = await Promise.all([analyzeLogFile(file), analyzeLogFile(taskLog)]);
    expect(utf16.encoding).toBe('utf-16le');
    expect(utf16.kind).toBe('hlkTask');
    expect(utf16.lines).toBe(utf8.lines);
    expect(utf16.findings.map((f) => [f.failureId, f.lineCount, f.lines.map((l) => [l.line, l.text])])).toEqual(
      utf8.findings.map((f) => [f.failureId, f.lineCount, f.lines.map((l) => [l.line, l.text])]),
    );
  });

  it('reads UTF-16BE with a byte order mark, and UTF-16LE without one', async () => {
    const text = 'Cause : Failed to Copy File : "\\\\ctl9\\Tests\\amd64\\NetHlk\\NDISTest\\bin\\ntndis61\\ndprot61.sys"\r\n';
    const big = await scratchFile('be.log', Buffer.concat([bom.utf16be, utf16be(`first\r\n${text}`)]));
    const little = await scratchFile('le.log', Buffer.from(`first\r\n${text}`, 'utf16le'));
    for (const [file, encoding] of [
      [big, 'utf-16be'],
      [little, 'utf-16le'],
    ] as const) {
      const analysis = await analyzeLogFile(file);
      expect(analysis.encoding).toBe(encoding);
      expect(analysis.findings.map((f) => [f.failureId, f.line])).toEqual([['ndisTestBinariesMissing', 2]]);
    }
  });

  it('skips a UTF-8 byte order mark and keeps non-ASCII text intact', async () => {
    const file = await scratchFile('events.txt', Buffer.concat([bom.utf8, await readFile(fixture('bugcheck/system-events.txt'))]));
    const log = await openLogText(file);
    expect(log.encoding).toBe('utf-8');
    expect(log.head.startsWith('Event[0]:')).toBe(true);
    expect((await wholeText(file)).text).toContain('at 9:58:12 AM on \u200e5/\u200e14/\u200e2024 was unexpected');
  });

  it('reads a log in the Windows ANSI code page rather than calling it binary', async () => {
    const line = 'Fehler: 0x800704c3, Mehrere Verbindungen zu einem Server sind unzulässig\r\n';
    const file = await scratchFile('WttEa.log', Buffer.from(`Start\r\n${line}`, 'latin1'));
    const analysis = await analyzeLogFile(file);
    expect(analysis.encoding).toBe('windows-1252');
    expect(analysis.findings[0].lines[0].text).toBe(line.trim());
  });

  it('reads an empty file as an empty log', async () => {
    const analysis = await analyzeLogFile(await scratchFile('empty.log', ''));
    expect(analysis).toMatchObject({ lines: 0, findings: [], bytes: 0 });
  });
});

describe('files that are not text', () => {
  it('refuses a crash dump (NUL bytes)', async () => {
    const dump = Buffer.alloc(4096);
    dump.write('PAGEDU64', 0, 'latin1');
    dump.writeUInt32LE(0x4f1c, 40);
    const file = await scratchFile('MEMORY.DMP', dump);
    await expect(openLogText(file)).rejects.toThrow(NotTextError);
    await expect(openLogText(file)).rejects.toThrow(/NUL bytes/);
  });

  it('refuses bytes that are neither UTF-8 nor printable ANSI text', async () => {
    const bytes = Buffer.from([0x4d, 0x53, 0x43, 0x46, 0x01, 0x03, 0xff, 0xfe, 0x8f, 0x9a, 0x02, 0x7f, 0xc3, 0x28]);
    const file = await scratchFile('driver.cab', bytes);
    await expect(openLogText(file)).rejects.toThrow(/neither UTF-8 nor ANSI/);
  });

  it('judges only the start, so a log with a run of NUL bytes after a crash is still read', async () => {
    const text = 'Tue Jun 11 09:14:21 2024 us=1 OpenVPN 2.4.12\n'.repeat(2000);
    const crash = Buffer.alloc(8192);
    const after = 'Tue Jun 11 09:20:02 2024 us=2 TUN/TAP interface has been stopped, exiting\n';
    const file = await scratchFile('openvpn.log', Buffer.concat([Buffer.from(text), crash, Buffer.from(after)]));
    const analysis = await analyzeLogFile(file);
    expect(analysis.findings.map((f) => [f.failureId, f.line])).toEqual([['openvpnLinkDownAfterFaultHandling', 2001]]);
  });
});

describe('reading in pieces', () => {
  const line = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '0', ':', '\\', 'é', '€', '𝄞'), maxLength: 40 }),
    fc.constantFrom('!    dvi: Error 0xe0000228: There are no compatible drivers', '<<<  [Exit status: FAILURE(0xe0000203)]'),
  );
  const encodings = fc.constantFrom('utf-8', 'utf-16le');

  it('never loses or splits text, and numbers lines as a plain split would', async () => {
    const automaton = new LiteralAutomaton(['error 0xe0000228', 'exit status: failure']);
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 64, max: 400 }),
        encodings,
        async (lines, lineBreak, finalBreak, chunkBytes, encoding) => {
          const text = lines.join(lineBreak) + (finalBreak && lines.length > 0 ? lineBreak : '');
          const bytes =
            encoding === 'utf-8' ? Buffer.from(text, 'utf8') : Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')]);
          const file = await scratchFile('pieces.log', bytes);

          const read = await wholeText(file, chunkBytes);
          expect(read.text).toBe(text);
          // A piece ends at a line break, unless it is part of a line longer than a whole piece.
          for (const chunk of read.chunks.slice(0, -1)) {
            expect(chunk.endsWith('\n') || !chunk.includes('\n')).toBe(true);
          }

          const log = await openLogText(file, chunkBytes);
          const marked: [number, string][] = [];
          let lineCount = 0;
          for await (const batch of scanMarkedLines(log.chunks(), automaton)) {
            for (const found of batch.lines) marked.push([found.number, found.text]);
            lineCount = batch.linesRead;
          }
          const expectedLines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
          expect(lineCount).toBe(expectedLines.length);
          const expectedMarked = expectedLines
            .map((l, i): [number, string] => [i + 1, l])
            .filter(([, l]) => /error 0xe0000228|exit status: failure/i.test(l));
          expect(marked).toEqual(expectedMarked);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands over pieces of about 64 KiB of whole lines, whatever the encoding', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) =>
      i % 1500 === 7 ? `long ${'z'.repeat(90_000)}` : `     dvi: line ${i} of a setupapi log, ümlaut ${'x'.repeat(i % 80)}`,
    );
    const text = `${lines.join('\r\n')}\r\n`;
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([bom.utf16le, Buffer.from(text, 'utf16le')])]) {
      const read = await wholeText(await scratchFile('pieces.log', bytes));
      expect(read.text).toBe(text);
      expect(read.chunks.length).toBeGreaterThan(10);
      for (const chunk of read.chunks) {
        expect(chunk.endsWith('\n')).toBe(true);
        // Longer only when it holds one of the long lines.
        if (chunk.length > 64 * 1024) expect(chunk).toMatch(/z{90000}/);
      }
    }
  });

  it('hands over a line longer than a read in parts, keeping every character', async () => {
    const long = `${'x'.repeat(1000)}é${'y'.repeat(1000)}`;
    const file = await scratchFile('long.log', `before\n${long}\nafter\n`);
    const read = await wholeText(file, 256);
    expect(read.text).toBe(`before\n${long}\nafter\n`);
    expect(read.chunks.length).toBeGreaterThan(4);
  });
});
