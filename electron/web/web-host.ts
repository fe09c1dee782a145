import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEventMessage } from '../../shared/api';
import { WEB_API_PATH, type WebClientMessage, type WebServerMessage } from '../../shared/web-protocol';
import type { LabService } from '../service/lab-service';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { rendererFile } from './renderer-file';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebHostOptions {
  service: LabService;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /**
   * How many bytes of pushed events may wait for one browser that does not read them (a frozen tab, a
   * sleeping laptop). Past this the host drops that client rather than grow without bound; the page
   * reconnects and takes a fresh snapshot.
   */
  maxQueuedBytes?: number;
}

/** A WebSocket close code of RFC 6455: the server is dropping a client it cannot serve (here: one that does not read). */
const CLOSE_TRY_AGAIN_LATER = 1013;
const DEFAULT_MAX_QUEUED_BYTES = 16 * 1024 * 1024;
/** How long a client dropped for not reading gets to complete the close handshake before its socket is cut. */
const CLOSE_GRACE_MS = 2000;

/**
 * Serves the UI and the api to a browser on 127.0.0.1 only. The token in the URL is the key: without
 * it the page and the api are refused. Host and Origin headers are checked too, so a web page
 * elsewhere cannot reach the api through DNS rebinding.
 */
export class WebHost {
  readonly token = randomBytes(24).toString('base64url');
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly unsubscribe: () => void;
  port = 0;

  constructor(private readonly options: WebHostOptions) {
    // No request, however malformed, may end the process: it also runs the lab and the collections.
    this.http = createServer((req, res) => {
      this.serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal error\n');
        else res.destroy();
      });
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    this.http.on('upgrade', (req, socket, head) => {
      // A peer that resets the connection mid-handshake makes the socket emit 'error'; unheard, it would throw.
      socket.on('error', () => socket.destroy());
      if (!this.allowed(req) || requestPath(req) !== WEB_API_PATH || !this.originAllowed(req)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    this.unsubscribe = options.service.subscribe((event) => this.queue(event));
  }

  /** Events waiting for the next push, in the order they happened. */
  private pending: ApiEventMessage[] = [];
  private pushScheduled = false;

  /**
   * Queues an event for the push at the end of this turn of the event loop. Reconnecting a lab of 150
   * machines emits hundreds of whole-state events (checklist progress, readiness per machine) within
   * one burst; a browser needs only the last of each, so an earlier one still waiting is dropped when
   * a newer one of the same state comes. Entries of the journal and the event log are all kept.
   */
  private queue(event: ApiEventMessage): void {
    const key = stateKey(event);
    if (key !== null) {
      // Not across a change of lab: what came before it belongs to the lab that was open then.
      for (let i = this.pending.length - 1; i >= 0 && this.pending[i]!.name !== 'lab'; i--) {
        if (stateKey(this.pending[i]!) === key) {
          this.pending.splice(i, 1);
          break;
        }
      }
    }
    this.pending.push(event);
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => this.push());
  }

  /** Sends what is queued. Also called before any answer, so a browser never sees an answer ahead of the events that led to it. */
  private push(): void {
    this.pushScheduled = false;
    const events = this.pending;
    this.pending = [];
    if (this.wss.clients.size === 0) return;
    for (const e of events) this.broadcast(JSON.stringify({ kind: 'event', event: e } satisfies WebServerMessage));
  }

  /** Pushes one event to every browser, dropping any whose unread backlog is over the bound. */
  private broadcast(text: string): void {
    const limit = this.options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    for (const ws of this.wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount + Buffer.byteLength(text) > limit) {
        this.dropSlowClient(ws, limit);
        continue;
      }
      ws.send(text);
    }
  }

  private dropSlowClient(ws: WebSocket, limit: number): void {
    ws.close(CLOSE_TRY_AGAIN_LATER, `hlk-assist: over ${Math.round(limit / 1024)} KiB of events unread; reconnect for a fresh snapshot`);
    // A client that does not read will not read the close frame either: cut it after a grace period.
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }

  /** How many browsers are connected to the api now. */
  get browserCount(): number {
    return this.wss.clients.size;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }

  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.port = (this.http.address() as { port: number }).port;
        resolve(this.url);
      });
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === `http://127.0.0.1:${this.port}` || origin === `http://localhost:${this.port}`;
  }

  private tokenGiven(req: IncomingMessage): boolean {
    const given = requestUrl(req)?.searchParams.get('token') ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private allowed(req: IncomingMessage): boolean {
    return this.hostAllowed(req) && this.tokenGiven(req);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (!this.hostAllowed(req) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden\n');
      return;
    }
    const url = requestUrl(req);
    const pathname = url && decodedPath(url);
    if (!url || pathname === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the address is not a valid URL path\n');
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      if (!this.tokenGiven(req)) {
        res
          .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('hlk-assist: open the address the web host printed when it started; it carries the access token.\n');
        return;
      }
      return this.sendFile(res, '/index.html', 'no-store');
    }
    return this.sendFile(res, url.pathname, 'max-age=3600');
  }

  private async sendFile(res: ServerResponse, urlPath: string, cache: string): Promise<void> {
    const path = rendererFile(this.options.rendererDir, urlPath);
    if (path === null) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': cache }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    }
  }

  private onSocket(ws: WebSocket): void {
    // ws reports a frame over maxPayload, invalid UTF-8 or a protocol error here and closes the socket
    // itself; unheard, the 'error' event would end the process.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      let message: WebClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString()) as WebClientMessage;
        if (message.kind !== 'call' || typeof message.id !== 'number') throw new Error('shape');
      } catch {
        ws.close(1003, 'hlk-assist: not an api message');
        return;
      }
      void this.options.service.handle(message.method, message.params).then(
        (response) => {
          this.push();
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id: message.id, response } satisfies WebServerMessage));
        },
        (e: unknown) => {
          this.push();
          const response = { ok: false as const, error: { code: 'internal' as const, message: e instanceof Error ? e.message : String(e) } };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id: message.id, response } satisfies WebServerMessage));
        },
      );
    });
  }
}

/**
 * The state an event replaces whole, or null for an event that adds to a list (journal entries, lab
 * events), each of which must reach the browser.
 */
function stateKey(event: ApiEventMessage): string | null {
  switch (event.name) {
    case 'machine':
      return `machine:${(event as ApiEventMessage<'machine'>).payload.name}`;
    case 'readiness':
      return `readiness:${(event as ApiEventMessage<'readiness'>).payload.machine}`;
    case 'collection':
      return `collection:${(event as ApiEventMessage<'collection'>).payload.run}`;
    case 'checklist':
    case 'tapdiag':
    case 'hlk':
    case 'linkcheck':
      return event.name;
    case 'lab':
    case 'event':
    case 'journal':
    case 'passEvent':
      return null;
  }
}

/** The request's URL, or null when it does not parse as one. */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://x');
  } catch {
    return null;
  }
}

/** The request's path with %-escapes decoded, or null when it is not a valid URL path (`/%C0%AF`, `/%ZZ`). */
function requestPath(req: IncomingMessage): string | null {
  const url = requestUrl(req);
  return url && decodedPath(url);
}

function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}
