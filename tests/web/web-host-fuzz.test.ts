import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webHostSession, type WebHostSession } from './web-host-session';

/**
 * Hostile input to the web host, generated: request paths, headers and WebSocket frames. Bounded in
 * count (numRuns) and time (interruptAfterTimeLimit, and every request answers or is cut within 2 s).
 * Whatever arrives, the host answers or closes that one connection, and keeps serving the page and the
 * api; an exception anywhere would end this process, which vitest reports as a failure.
 */

let s: WebHostSession;
beforeAll(async () => {
  s = await webHostSession();
});
afterAll(async () => s.close());

async function stillServes(): Promise<void> {
  expect(await s.raw(`GET /?token=${s.host.token} HTTP/1.1\r\nHost: 127.0.0.1:${s.host.port}\r\nConnection: close\r\n\r\n`)).toBe(200);
  const ws = await s.socket();
  const answer = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
  ws.send(JSON.stringify({ kind: 'call', id: 7, method: 'readiness.checks', params: {} }));
  expect(await answer).toMatchObject({ kind: 'result', id: 7, response: { ok: true } });
  ws.close();
}

/** Pieces that URL decoding, path joining and the token check trip on. */
const pathPiece = fc.constantFrom('/', '%', '%C0%AF', '%ZZ', '%E0%A4%A', '%00', '%2e%2e', '..', '.', 'index.html', 'api', '?token=', '&', '#', '%FF', '\\', 'a', '%25', '//', ';', '~');
const path = fc.array(pathPiece, { maxLength: 12 }).map((parts) => `/${parts.join('')}`);
const headerText = fc.string({ unit: fc.constantFrom(...'abcXYZ019:;,. -_/=\t%?'.split('')), maxLength: 30 });
const headers = fc.array(fc.tuple(fc.constantFrom('Host', 'Origin', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Content-Length', 'Transfer-Encoding', 'X-Junk', 'Cookie'), headerText), { maxLength: 6 });
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'BREW', 'get');

describe('web host fuzz', () => {
  it('answers every generated request, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, fc.boolean(), headers, async (verb, target, ownHost, extra) => {
        const withToken = target.replace('?token=', `?token=${s.host.token}`);
        const lines = [`${verb} ${withToken} HTTP/1.1`, ...(ownHost ? [`Host: 127.0.0.1:${s.host.port}`] : []), ...extra.map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
        const status = await s.raw(`${lines.join('\r\n')}\r\n\r\n`, 2000);
        // Every request gets a status line: from the host, or 400 from Node's parser for what is not HTTP.
        expect(status).not.toBeNull();
      }),
      { numRuns: 300, interruptAfterTimeLimit: 30_000 },
    );
    await stillServes();
  }, 60_000);

  it('survives generated WebSocket frames from a client with the token, and keeps serving', async () => {
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc
        .record({
          fin: fc.boolean(),
          rsv: fc.integer({ min: 0, max: 7 }),
          opcode: fc.integer({ min: 0, max: 15 }),
          masked: fc.boolean(),
          payload: fc.uint8Array({ maxLength: 200 }),
          claimed: fc.option(fc.constantFrom(126, 127), { nil: undefined }),
        })
        .map(({ fin, rsv, opcode, masked, payload, claimed }) => {
          const head = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
          const len = claimed ?? Math.min(payload.length, 125);
          head.push((masked ? 0x80 : 0) | len);
          if (len === 126) head.push(0xff, 0xff);
          if (len === 127) head.push(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
          const mask = masked ? [1, 2, 3, 4] : [];
          return Buffer.concat([Buffer.from(head), Buffer.from(mask), Buffer.from(payload.subarray(0, len > 125 ? payload.length : len))]);
        }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
        const socket = await s.stalledBrowser();
        socket.resume();
        socket.on('error', () => undefined);
        for (const f of frames) socket.write(f);
        await new Promise((r) => setTimeout(r, 5));
        socket.destroy();
      }),
      { numRuns: 200, interruptAfterTimeLimit: 30_000 },
    );
    await stillServes();
    expect(s.host.browserCount).toBeLessThanOrEqual(1);
  }, 60_000);
});
