/**
 * A web host in this process over a real LabService and a real renderer folder (a stand-in index.html),
 * with helpers that speak raw HTTP and WebSocket to it as a hostile page or client would.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LabService } from '../../electron/service/lab-service';
import { WebHost, type WebHostOptions } from '../../electron/web/web-host';
import { fastTimings } from '../support/practice';

export interface WebHostSession {
  host: WebHost;
  service: LabService;
  dir: string;
  /** Sends bytes as they are (no URL encoding by a client library) and answers with the status code, or null when the host said nothing in time. */
  raw(request: string, ms?: number): Promise<number | null>;
  /** A WebSocket with the token, Host and Origin right, open. */
  socket(): Promise<WebSocket>;
  /** A WebSocket handshake done over a bare TCP socket that then reads nothing: a frozen browser tab. */
  stalledBrowser(): Promise<Socket>;
  close(): Promise<void>;
}

export async function webHostSession(options: Partial<WebHostOptions> = {}): Promise<WebHostSession> {
  const dir = await mkdtemp(join(tmpdir(), 'hlka-web-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>hlk-assist</title>\n');
  const service = new LabService({ dataDir: join(dir, 'data'), host: 'web', timings: fastTimings });
  const host = new WebHost({ service, rendererDir, ...options });
  await host.listen();
  const raw = (request: string, ms = 5000) =>
    new Promise<number | null>((resolve) => {
      const s = connect(host.port, '127.0.0.1');
      let text = '';
      const done = (status: number | null) => {
        clearTimeout(timer);
        s.destroy();
        resolve(status);
      };
      const timer = setTimeout(() => done(null), ms);
      s.on('error', () => done(null));
      s.on('data', (d: Buffer) => {
        text += d.toString('latin1');
        const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
        if (m) done(Number(m[1]));
      });
      s.on('close', () => done(null));
      s.write(request);
    });
  const socket = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const stalledBrowser = () =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect(host.port, '127.0.0.1');
      s.on('error', reject);
      const timer = setTimeout(() => reject(new Error('no answer to the WebSocket handshake in 5 s')), 5000);
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        clearTimeout(timer);
        s.off('data', onData);
        s.pause();
        if (head.startsWith('HTTP/1.1 101')) resolve(s);
        else reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
      };
      s.on('data', onData);
      s.write(
        `GET /api?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\n` +
          'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
    });
  return {
    host,
    stalledBrowser,
    service,
    dir,
    raw,
    socket,
    close: async () => {
      await host.close();
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A GET for `path` with this host's Host header, the path written to the socket byte for byte. */
export function get(session: WebHostSession, path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${session.host.port}\r\nConnection: close\r\n\r\n`;
}
