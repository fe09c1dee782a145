import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BadFrame,
  decodeAnswer,
  decodeRequest,
  encodeAnswer,
  encodeRequest,
  FRAME_PREFIX,
  FrameSplitter,
  readableStderr,
  scriptSha,
  type LoopAnswer,
  type LoopRequest,
} from '../../electron/transport/framing';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const frameOf = (json: string) => `${FRAME_PREFIX}${base64(json)}`;

function badFrame(line: string): BadFrame {
  try {
    decodeAnswer(line);
  } catch (e) {
    expect(e).toBeInstanceOf(BadFrame);
    return e as BadFrame;
  }
  throw new Error(`decodeAnswer accepted ${JSON.stringify(line)}`);
}

function split(maxLine?: number) {
  const frames: string[] = [];
  const noise: string[] = [];
  const splitter = new FrameSplitter(
    (l) => frames.push(l),
    (l) => noise.push(l),
    maxLine,
  );
  return { splitter, frames, noise };
}

describe('requests', () => {
  it('round-trip through encodeRequest and decodeRequest', () => {
    const request: LoopRequest = {
      id: '7',
      op: 'services.status',
      sha: scriptSha('param($p)'),
      script: 'param($p)\n"ünïcödé ✓ 😀"',
      params: { names: ["O'Brien", 'a\u2028b', '😀'] },
    };
    const line = encodeRequest(request);
    expect(line).toMatch(/^[A-Za-z0-9+/]+={0,2}\n$/);
    expect(decodeRequest(line.trimEnd())).toEqual(request);
  });

  it('scriptSha is the SHA-256 of the UTF-8 text', () => {
    const text = 'param($p)\n# ü';
    expect(scriptSha(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('decodeRequest refuses something that is not a request', () => {
    expect(() => decodeRequest(base64('{"id":"1","op":"x"}'))).toThrow('not a request');
    expect(() => decodeRequest(base64('[1,2]'))).toThrow('not a request');
    expect(() => decodeRequest(base64('not json'))).toThrow();
  });
});

describe('answers', () => {
  it('round-trip a success and a script error', () => {
    const answers: LoopAnswer[] = [
      { id: '1', ok: true, result: { services: [{ name: 'sshd', exists: true }], nested: { deep: [1, [2, [3]]] } } },
      { id: null, ok: true, result: null },
      {
        id: '2',
        ok: false,
        error: { message: "There is no service named 'x' on this machine.", type: 'System.Management.Automation.RuntimeException', category: 'OperationStopped', line: 6 },
      },
    ];
    for (const answer of answers) {
      const line = encodeAnswer(answer);
      expect(line.startsWith(FRAME_PREFIX)).toBe(true);
      expect(line.endsWith('\n')).toBe(true);
      expect(decodeAnswer(line)).toEqual(answer);
    }
  });

  it('tolerates the CR of a CRLF line end', () => {
    expect(decodeAnswer(`${frameOf('{"id":"3","ok":true,"result":1}')}\r`)).toEqual({ id: '3', ok: true, result: 1 });
  });

  it('turns a missing result into null and fills in a sparse error', () => {
    expect(decodeAnswer(frameOf('{"id":"4","ok":true}'))).toEqual({ id: '4', ok: true, result: null });
    expect(decodeAnswer(frameOf('{"id":"5","ok":false}'))).toEqual({
      id: '5',
      ok: false,
      error: { message: 'the script failed without a message', type: '', category: '', line: 0 },
    });
  });

  it('rejects an answer that is not base64, with a snippet of it', () => {
    const line = `${FRAME_PREFIX}%%%% this is not base64 %%%%`;
    const e = badFrame(line);
    expect(e.message).toBe('the answer is not base64');
    expect(e.snippet).toBe(line);
    expect(badFrame(`${FRAME_PREFIX}abc`).message).toBe('the answer is not base64'); // not a whole number of quads
    expect(badFrame(`${FRAME_PREFIX}YWJj ZA==`).message).toBe('the answer is not base64');
  });

  it('rejects base64 that is not JSON', () => {
    const e = badFrame(frameOf('WARNING: this is not JSON'));
    expect(e.message).toBe('the answer is not JSON');
    expect(e.snippet.startsWith(FRAME_PREFIX)).toBe(true);
    expect(badFrame(FRAME_PREFIX).message).toBe('the answer is not JSON');
  });

  it('rejects JSON without id or ok', () => {
    for (const json of ['{"ok":true,"result":1}', '{"id":"1","result":1}', '{"id":1,"ok":true}', '{"id":"1","ok":"yes"}', '[]', 'null', '"text"']) {
      expect(badFrame(frameOf(json)).message).toBe('the answer lacks id and ok');
    }
  });

  it('keeps the snippet of a long bad frame short', () => {
    const e = badFrame(`${FRAME_PREFIX}${'!'.repeat(10_000)}`);
    expect(e.snippet.length).toBeLessThanOrEqual(120);
    expect(e.snippet.startsWith(FRAME_PREFIX)).toBe(true);
  });
});

describe('FrameSplitter', () => {
  const a = encodeAnswer({ id: '1', ok: true, result: { text: 'a'.repeat(300) } });
  const b = encodeAnswer({ id: '2', ok: false, error: { message: 'boom', type: 'T', category: 'C', line: 3 } });

  it('reassembles frames split across chunks at any points', () => {
    const stream = `noise before\r\n${a}${b}WARNING: something\n${a}`;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 40 }), (cuts) => {
        const { splitter, frames, noise } = split();
        let from = 0;
        for (const cut of [...cuts].sort((x, y) => x - y)) {
          splitter.push(stream.slice(from, cut));
          from = cut;
        }
        splitter.push(stream.slice(from));
        expect(frames).toEqual([a.trimEnd(), b.trimEnd(), a.trimEnd()]);
        expect(noise).toEqual(['noise before', 'WARNING: something']);
        expect(frames.map((f) => decodeAnswer(f).id)).toEqual(['1', '2', '1']);
      }),
    );
  });

  it('delivers one byte at a time', () => {
    const { splitter, frames } = split();
    for (const ch of a + b) splitter.push(ch);
    expect(frames).toEqual([a.trimEnd(), b.trimEnd()]);
  });

  it('strips the CR of CRLF line ends', () => {
    const { splitter, frames, noise } = split();
    splitter.push(`${a.trimEnd()}\r\nnoise\r\n`);
    expect(frames).toEqual([a.trimEnd()]);
    expect(noise).toEqual(['noise']);
  });

  it('sorts lines without the prefix into noise and skips empty lines', () => {
    const { splitter, frames, noise } = split();
    splitter.push(`\n\r\nhello\n #HLKA# indented is noise\n#HLKA#no space is noise\n${b}`);
    expect(frames).toEqual([b.trimEnd()]);
    expect(noise).toEqual(['hello', ' #HLKA# indented is noise', '#HLKA#no space is noise']);
  });

  it('holds a partial line until its newline arrives', () => {
    const { splitter, frames } = split();
    splitter.push(a.slice(0, 50));
    expect(frames).toEqual([]);
    splitter.push(a.slice(50));
    expect(frames).toEqual([a.trimEnd()]);
  });

  it('cuts an over-long line once, reports it as noise and carries on with the next line', () => {
    const { splitter, frames, noise } = split(1000);
    const long = `${FRAME_PREFIX}${'A'.repeat(5000)}`;
    for (let i = 0; i < long.length; i += 400) splitter.push(long.slice(i, i + 400));
    splitter.push(`\n${b}`);
    expect(noise).toHaveLength(1);
    expect(noise[0]!.length).toBeLessThanOrEqual(200);
    expect(noise[0]!.startsWith(FRAME_PREFIX)).toBe(true);
    expect(frames).toEqual([b.trimEnd()]);
  });

  it('tells the owner about an over-long line through onOverlong, apart from ordinary noise', () => {
    const overlong: string[] = [];
    const noise: string[] = [];
    const splitter = new FrameSplitter(() => undefined, (l) => noise.push(l), 1000, (s) => overlong.push(s));
    splitter.push(`just noise\n${FRAME_PREFIX}${'B'.repeat(3000)}`);
    expect(noise).toEqual(['just noise']);
    expect(overlong).toEqual([`${FRAME_PREFIX}${'B'.repeat(200 - FRAME_PREFIX.length)}`]);
  });

  it('reassembles a 15 MB answer that arrives in 64 KiB chunks', () => {
    const { splitter, frames } = split();
    const big = encodeAnswer({ id: '9', ok: true, result: 'x'.repeat(15 * 1024 * 1024) });
    for (let i = 0; i < big.length; i += 65536) splitter.push(big.slice(i, i + 65536));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.length).toBe(big.length - 1);
  });

  it('cuts an over-long line that arrives in a single chunk', () => {
    const { splitter, frames, noise } = split(1000);
    splitter.push(`${FRAME_PREFIX}${'A'.repeat(5000)}\n${b}`);
    expect(frames).toEqual([b.trimEnd()]);
    expect(noise).toHaveLength(1);
    expect(noise[0]!.length).toBeLessThanOrEqual(200);
  });
});

describe('readableStderr', () => {
  // What Windows PowerShell 5.1 writes to stderr for `Get-Item C:\nope` under -NonInteractive over SSH,
  // with the progress record it emits while loading modules on first use.
  const clixml =
    '#< CLIXML\r\n' +
    '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' +
    '<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>' +
    '<MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil />' +
    '<PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>' +
    '<S S="Error">Get-Item : Cannot find path \'C:\\nope\' because it does not exist._x000D__x000A_</S>' +
    '<S S="Error">At line:1 char:1_x000D__x000A_</S>' +
    '<S S="Error">+ Get-Item C:\\nope_x000D__x000A_</S>' +
    '<S S="Error">+ ~~~~~~~~~~~~~~~~_x000D__x000A_</S>' +
    '<S S="Error">    + CategoryInfo          : ObjectNotFound: (C:\\nope:String) [Get-Item], ItemNotFoundException_x000D__x000A_</S>' +
    '<S S="Error">    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand_x000D__x000A_</S>' +
    '<S S="Error"> _x000D__x000A_</S>' +
    '</Objs>';

  it('pulls the error text out of a CLIXML blob and leaves the progress record behind', () => {
    expect(readableStderr(clixml)).toBe(
      [
        "Get-Item : Cannot find path 'C:\\nope' because it does not exist.",
        'At line:1 char:1',
        '+ Get-Item C:\\nope',
        '+ ~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (C:\\nope:String) [Get-Item], ItemNotFoundException',
        '    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand',
      ].join('\n'),
    );
  });

  it('decodes XML entities and _xHHHH_ escapes, and keeps an escaped underscore literal', () => {
    const blob =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' +
      '<S S="Error">&lt;tag attr=&quot;v&quot;&gt; &amp;&amp; it&apos;s_x0009_tabbed _x005F_x0041_ stays_x000A_</S></Objs>';
    expect(readableStderr(blob)).toBe('<tag attr="v"> && it\'s\ttabbed _x0041_ stays');
  });

  it('passes plain stderr through, trimmed', () => {
    expect(readableStderr("  'pwsh' is not recognized as an internal or external command,\r\n")).toBe(
      "'pwsh' is not recognized as an internal or external command,",
    );
  });
});
