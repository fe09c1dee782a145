import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEventMessage } from '../../shared/api';
import { get, webHostSession, type WebHostSession } from './web-host-session';

let session: WebHostSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** Resolves with the close code the client saw, or null if the socket stayed open for ms. */
function closed(ws: WebSocket, ms = 5000): Promise<number | null> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

async function stillServes(s: WebHostSession): Promise<void> {
  expect(await s.raw(get(s, `/?token=${s.host.token}`))).toBe(200);
  const ws = await s.socket();
  const answer = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
  ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'readiness.checks', params: {} }));
  expect(await answer).toMatchObject({ kind: 'result', id: 1, response: { ok: true } });
  ws.close();
}

describe('web host: malformed requests', () => {
  it.each(['/%C0%AF', '/%ZZ', '/%E0%A4%A', '/%', '/assets/%FF.js'])('answers %s with 400 and keeps serving, with no token given', async (path) => {
    session = await webHostSession();
    expect(await session.raw(get(session, path))).toBe(400);
    await stillServes(session);
  });

  it('refuses a WebSocket upgrade whose URL is malformed, and keeps serving', async () => {
    session = await webHostSession();
    const s = session;
    const upgrade = `GET /%C0%AF?token=${s.host.token} HTTP/1.1\r\nHost: 127.0.0.1:${s.host.port}\r\nOrigin: http://127.0.0.1:${s.host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    expect(await s.raw(upgrade)).toBe(403);
    await stillServes(s);
  });
});

describe('web host: bad WebSocket frames from a client with the token', () => {
  it('closes a client that sends a frame over 1 MiB (1009) and keeps serving the others', async () => {
    session = await webHostSession();
    const other = await session.socket();
    const ws = await session.socket();
    ws.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed(ws)).toBe(1009);
    expect(other.readyState).toBe(other.OPEN);
    other.close();
    await stillServes(session);
  });

  it('closes a client that sends invalid UTF-8 in a text frame (1007) and keeps serving', async () => {
    session = await webHostSession();
    const ws = await session.socket();
    // ws checks UTF-8 on its own sends; a raw frame goes under it: FIN + text opcode, masked, 2 bytes 0xC0 0xAF.
    const mask = Buffer.from([1, 2, 3, 4]);
    const payload = Buffer.from([0xc0, 0xaf]).map((b, i) => b ^ mask[i % 4]!);
    (ws as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, payload]));
    expect(await closed(ws)).toBe(1007);
    await stillServes(session);
  });
});

describe('web host: files that are not files', () => {
  it.runIf(process.platform !== 'win32')('answers lab.open of a named pipe, five at once, and keeps answering', async () => {
    session = await webHostSession();
    const fifo = join(session.dir, 'lab.fifo');
    execFileSync('mkfifo', [fifo]);
    const ws = await session.socket();
    const answers = new Map<number, { ok: boolean; error?: { code: string; message: string } }>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { kind: string; id: number; response: { ok: boolean } };
      if (m.kind === 'result') answers.set(m.id, m.response);
    });
    for (let id = 1; id <= 5; id++) ws.send(JSON.stringify({ kind: 'call', id, method: 'lab.open', params: { path: fifo } }));
    const deadline = Date.now() + 5000;
    while (answers.size < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect([...answers.values()].map((r) => r.error?.message)).toEqual(Array<string>(5).fill(`${fifo}: cannot read it: a named pipe (FIFO), not a file; a lab file is a JSON file`));
    ws.close();
    await stillServes(session);
  });
});

describe('web host: pushing a burst of events', () => {
  it('sends the last of each whole state and every journal entry, in order', async () => {
    session = await webHostSession();
    const s = session;
    const emitted: ApiEventMessage[] = [];
    s.service.subscribe((e) => emitted.push(e));
    const ws = await s.socket();
    const received: ApiEventMessage[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { kind: string; event?: ApiEventMessage };
      if (m.kind === 'event') received.push(m.event!);
    });
    expect((await s.service.handle('lab.startPractice', {})).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await s.service.handle('readiness.run', {})).ok).toBe(true);
    const count = (list: ApiEventMessage[], name: string) => list.filter((e) => e.name === name).length;
    const lastOf = (list: ApiEventMessage[]) => {
      const key = (e: ApiEventMessage) => `${e.name}:${JSON.stringify((e.payload as { machine?: string; name?: string } | null)?.machine ?? (e.payload as { name?: string } | null)?.name ?? '')}`;
      const last = new Map<string, unknown>();
      for (const e of list) last.set(key(e), e.payload);
      return JSON.stringify([...last].sort(([x], [y]) => x.localeCompare(y)));
    };
    // Pushes leave a turn after they are emitted, and a busy machine may take a while to deliver them:
    // wait until the browser has caught up (every journal and event-log entry, the latest of each state),
    // not for a fixed time; a push that never comes fails here.
    await expect
      .poll(() => ['journal', 'event'].every((name) => count(received, name) === count(emitted, name)) && lastOf(received) === lastOf(emitted), { timeout: 15_000 })
      .toBe(true);
    // Entries of the journal and the event log: every one, in order.
    for (const name of ['journal', 'event'] as const) {
      expect(received.filter((e) => e.name === name)).toEqual(emitted.filter((e) => e.name === name));
    }
    // Whole states: fewer pushes, and the browser ends with the state the service ended with.
    expect(count(received, 'readiness')).toBeLessThan(count(emitted, 'readiness'));
    expect(lastOf(received)).toBe(lastOf(emitted));
    ws.close();
  }, 60_000);
});

describe('web host: a browser that does not read its events', () => {
  it('is dropped once its backlog passes the bound, while a reading browser keeps every event', async () => {
    session = await webHostSession({ maxQueuedBytes: 256 * 1024 });
    const s = session;
    const reader = await s.socket();
    let readerEvents = 0;
    reader.on('message', (d) => {
      if ((JSON.parse(d.toString()) as { kind: string }).kind === 'event') readerEvents++;
    });
    const stalled = await s.stalledBrowser();
    expect(s.host.browserCount).toBe(2);

    expect((await s.service.handle('lab.startPractice', {})).ok).toBe(true);
    // The kernel's socket buffers take the first megabytes; readiness runs push the rest until the host
    // notices the backlog. Bounded in runs and in time.
    const deadline = Date.now() + 90_000;
    let runs = 0;
    while (s.host.browserCount > 1 && runs < 300 && Date.now() < deadline) {
      expect((await s.service.handle('readiness.run', {})).ok).toBe(true);
      runs++;
    }
    expect(s.host.browserCount).toBe(1);
    // What the host queued for it is gone with the connection: once it reads again, the stream ends.
    const ended = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      stalled.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    stalled.on('error', () => undefined);
    stalled.resume();
    expect(await ended).toBe(true);
    expect(reader.readyState).toBe(reader.OPEN);
    expect(readerEvents).toBeGreaterThan(runs);
    reader.close();
  }, 120_000);
});
