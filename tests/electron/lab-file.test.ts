import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabFileError, parseLabFile, readLabFile } from '../../electron/lab/lab-file';

const machine = (fields: Record<string, unknown> = {}) => ({
  name: 'client1',
  role: 'client',
  host: '192.0.2.11',
  user: 'Administrator',
  auth: { type: 'agent' },
  ...fields,
});

const lab = (machines: unknown[], fields: Record<string, unknown> = {}) => JSON.stringify({ name: 'HLK 1809 lab', machines, ...fields }, null, 2);

function problemsOf(text: string): string[] {
  try {
    parseLabFile(text, 'lab.json');
  } catch (e) {
    expect(e).toBeInstanceOf(LabFileError);
    const err = e as LabFileError;
    expect(err.source).toBe('lab.json');
    expect(err.message).toBe(`lab.json: ${err.problems.join('; ')}`);
    return err.problems;
  }
  throw new Error('parseLabFile accepted the file');
}

describe('parseLabFile', () => {
  it('reads a valid file and fills in the default port', () => {
    const text = lab([
      machine({ name: 'controller', role: 'controller', host: 'hlk-controller.lab.example', auth: { type: 'password' } }),
      machine({ port: 2222, auth: { type: 'key', file: '~/.ssh/hlk_ed25519' } }),
      machine({ name: 'support', role: 'support', host: '192.0.2.13' }),
    ]);
    const parsed = parseLabFile(text);
    expect(parsed.name).toBe('HLK 1809 lab');
    expect(parsed.machines).toEqual([
      expect.objectContaining({ name: 'controller', role: 'controller', host: 'hlk-controller.lab.example', port: 22, user: 'Administrator', auth: { type: 'password' } }),
      expect.objectContaining({ name: 'client1', role: 'client', host: '192.0.2.11', port: 2222, user: 'Administrator', auth: { type: 'key', file: '~/.ssh/hlk_ed25519' } }),
      expect.objectContaining({ name: 'support', role: 'support', host: '192.0.2.13', port: 22, user: 'Administrator', auth: { type: 'agent' } }),
    ]);
  });

  it('reads a file saved with a UTF-8 byte order mark (Notepad, Windows PowerShell 5.1 Out-File)', () => {
    expect(parseLabFile(`\uFEFF${lab([machine()])}`).machines).toHaveLength(1);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const text = ['{', '  "name": "HLK lab",', '  "machines": [', '    { "name": "client1" "role": "client" }', '  ]', '}'].join('\n');
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^not valid JSON at line 4, column 25 \(/);
  });

  it.each([
    ['a trailing comma', ['{', '  "name": "HLK lab",', '  "machines": [', '    { "name": "client1" },', '  ]', '}'], 5, 3],
    ['an unquoted value', ['{', '  "name": "HLK lab",', '  "machines": [', '    { "role": client }', '  ]', '}'], 4, 15],
    ['single quotes', ['{', "  'name': 'HLK lab'", '}'], 2, 3],
    ['a comment', ['{', '  "name": "HLK lab", // the 1809 lab', '  "machines": []', '}'], 2, 22],
    ['a cut-off file', ['{', '  "name": "HLK lab",', '  "machines": ['], 3, 16],
    ['CRLF line ends', ['{\r', '  "name": "HLK lab",\r', '  "machines": [,]\r', '}'], 3, 16],
  ])('reports the line and column of %s', (_what, lines, line, column) => {
    const [problem] = problemsOf(lines.join('\n'));
    expect(problem).toMatch(new RegExp(`^not valid JSON at line ${line}, column ${column} \\(`));
  });

  it('gives a line and column inside the text for every text JSON.parse rejects', () => {
    const jsonish = fc.constantFrom(...'{}[],:"\\u0123456789-+.eEtrufalsn \n\r\t/x'.split(''));
    const texts = fc.oneof(
      fc.string({ unit: jsonish, maxLength: 40 }),
      // a valid lab file with one character dropped, doubled or replaced
      fc.tuple(fc.nat(), fc.constantFrom('drop', 'double', 'comma', 'quote')).map(([at, how]) => {
        const text = lab([machine(), machine({ name: 'client2', port: 2222 })]);
        const i = at % text.length;
        const insert = { drop: '', double: text[i]!.repeat(2), comma: ',', quote: "'" }[how];
        return text.slice(0, i) + insert + text.slice(i + 1);
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        let problem = '';
        try {
          parseLabFile(text);
        } catch (e) {
          problem = (e as LabFileError).problems[0] ?? '';
        }
        if (valid) {
          expect(problem).not.toMatch(/^not valid JSON/);
          return;
        }
        const m = /^not valid JSON at line (\d+), column (\d+) \(/.exec(problem);
        expect(m, problem).not.toBeNull();
        const lines = text.split('\n');
        const line = Number(m![1]);
        expect(line).toBeLessThanOrEqual(lines.length);
        expect(Number(m![2])).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('says an empty file is not JSON', () => {
    expect(problemsOf('')[0]).toMatch(/^not valid JSON/);
  });

  it('names the field path and the allowed values of a wrong role', () => {
    const problems = problemsOf(lab([machine(), machine({ name: 'client2', host: '192.0.2.12', role: 'dut' })]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^machines\[1\]\.role: /);
    for (const role of ['controller', 'client', 'support']) expect(problems[0]).toContain(`"${role}"`);
  });

  it('reports a missing user', () => {
    expect(problemsOf(lab([machine({ user: undefined })]))).toEqual([expect.stringMatching(/^machines\[0\]\.user: .*expected string/)]);
  });

  it.each([
    [70000, /<=65535/],
    [0, />=1/],
    [22.5, /expected int/],
    ['22', /expected number, received string/],
  ])('reports a bad port %j', (port, why) => {
    const problems = problemsOf(lab([machine({ port })]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^machines\[0\]\.port: /);
    expect(problems[0]).toMatch(why);
  });

  it('reports duplicate names, ignoring case', () => {
    const problems = problemsOf(lab([machine(), machine({ name: 'CLIENT1', host: '192.0.2.12' })]));
    expect(problems).toEqual(['machines[1].name: "CLIENT1" is already the name of machines[0]']);
  });

  it('reports the same host and port twice, the default port included', () => {
    const problems = problemsOf(lab([machine({ host: 'HLK-Client' }), machine({ name: 'client2', host: 'hlk-client', port: 22 })]));
    expect(problems).toEqual(['machines[1].host: hlk-client:22 is already machines[0]']);
  });

  it('accepts one host on two ports', () => {
    expect(parseLabFile(lab([machine(), machine({ name: 'client2', port: 2222 })])).machines).toHaveLength(2);
  });

  it('reports two controllers', () => {
    const problems = problemsOf(
      lab([machine({ name: 'c1', role: 'controller' }), machine({ name: 'c2', role: 'controller', host: '192.0.2.12' })]),
    );
    expect(problems).toEqual(['machines: an HLK lab has one controller; this file lists 2']);
  });

  it('reports an unknown extra field where it sits', () => {
    expect(problemsOf(lab([machine({ passwd: 'hunter2' })]))).toEqual(['machines[0]: Unrecognized key: "passwd"']);
    expect(problemsOf(lab([machine()], { comment: 'x' }))).toEqual(['(top level): Unrecognized key: "comment"']);
  });

  it('reports key authentication without a key file', () => {
    expect(problemsOf(lab([machine({ auth: { type: 'key' } })]))).toEqual([expect.stringMatching(/^machines\[0\]\.auth\.file: /)]);
  });

  it('reports an unknown authentication type with the allowed ones', () => {
    const [problem] = problemsOf(lab([machine({ auth: { type: 'kerberos' } })]));
    expect(problem).toMatch(/^machines\[0\]\.auth\.type: .*agent.*key.*password/);
  });

  it('reports a lab without machines', () => {
    expect(problemsOf(lab([]))).toEqual(['machines: list at least one machine']);
  });

  it('reports a bad machine name', () => {
    const [problem] = problemsOf(lab([machine({ name: 'client 1' })]));
    expect(problem).toMatch(/^machines\[0\]\.name: letters, digits/);
  });

  it.each([
    ['a NUL', 'lab\u0000name'],
    ['a line break', 'lab\nname'],
    ['a line separator', 'lab\u2028name'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a right-to-left override', 'lab\u202ename'],
  ])('refuses a lab name with %s', (_what, name) => {
    expect(problemsOf(lab([machine()], { name }))).toEqual(['name: one line of text without control characters or < >']);
  });

  it("refuses more clients than HLK's 150 per controller, saying so", () => {
    const clients = Array.from({ length: 151 }, (_, i) => machine({ name: `client${i}`, host: `10.0.${i >> 8}.${i & 255}` }));
    expect(problemsOf(lab(clients))).toEqual(['machines: HLK supports 150 clients per controller; this file lists 151']);
    const many = Array.from({ length: 20_000 }, (_, i) => machine({ name: `m${i}`, role: 'support', host: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }));
    expect(problemsOf(lab(many))).toEqual(['machines: at most 301 machines: HLK supports 150 clients per controller']);
  });

  it('lists every problem, not only the first', () => {
    const problems = problemsOf(lab([machine({ role: 'dut', port: 0 }), machine({ user: '' })]));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['machines[0].role', 'machines[0].port', 'machines[1].user']);
  });
});

describe('readLabFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hlka-lab-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says "no such file" for a missing file, naming it', async () => {
    const path = join(dir, 'missing.json');
    const err = await readLabFile(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LabFileError);
    expect((err as LabFileError).source).toBe(path);
    expect((err as LabFileError).problems).toEqual(['cannot read it: no such file']);
  });

  it('reads a file and names it in its problems', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, lab([machine()]));
    expect((await readLabFile(good)).machines).toEqual([expect.objectContaining({ name: 'client1', port: 22 })]);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, lab([machine({ role: 'dut' })]));
    await expect(readLabFile(bad)).rejects.toThrow(`${bad}: machines[0].role: `);
  });

  it('reads a UTF-16 LE file with its byte order mark, as Windows PowerShell 5.1 Out-File writes it', async () => {
    const path = join(dir, 'utf16.json');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lab([machine()]), 'utf16le')]));
    expect((await readLabFile(path)).machines).toEqual([expect.objectContaining({ name: 'client1' })]);
  });

  it('refuses a file over 1 MiB before reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 1024 * 1024 * 1024);
    await expect(readLabFile(path)).rejects.toThrow(`${path}: cannot read it: 1024.0 MiB, more than the 1.0 MiB allowed; a lab file is a JSON file`);
  });

  it.runIf(process.platform !== 'win32')('refuses a named pipe and devices at once instead of waiting on them', async () => {
    const fifo = join(dir, 'lab.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    // Five at once: four blocked opens would hold all of libuv's file threads, and the fifth would never start.
    const results = await Promise.allSettled([fifo, fifo, fifo, fifo, fifo, '/dev/zero', '/dev/urandom'].map((p) => readLabFile(p)));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'read'))).toEqual([
      ...Array<string>(5).fill(`${fifo}: cannot read it: a named pipe (FIFO), not a file; a lab file is a JSON file`),
      '/dev/zero: cannot read it: a device, not a file; a lab file is a JSON file',
      '/dev/urandom: cannot read it: a device, not a file; a lab file is a JSON file',
    ]);
  });
});
