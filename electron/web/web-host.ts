import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_API_PATH, type WebClientMessage, type WebServerMessage } from '../../shared/web-protocol';
import type { LabService } from '../service/lab-service';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

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
}

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
    this.http = createServer((req, res) => void this.serve(req, res));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    this.http.on('upgrade', (req, socket, head) => {
      if (!this.allowed(req) || new URL(req.url ?? '/', 'http://x').pathname !== WEB_API_PATH || !this.originAllowed(req)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    this.unsubscribe = options.service.subscribe((event) => {
      const text = JSON.stringify({ kind: 'event', event } satisfies WebServerMessage);
      for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
    });
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
    const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
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
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === '/' || pathname === '/index.html') {
      if (!this.tokenGiven(req)) {
        res
          .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('hlk-assist: open the address the web host printed when it started; it carries the access token.\n');
        return;
      }
      return this.sendFile(res, 'index.html', 'no-store');
    }
    return this.sendFile(res, pathname.slice(1), 'max-age=3600');
  }

  private async sendFile(res: ServerResponse, relative: string, cache: string): Promise<void> {
    const root = normalize(this.options.rendererDir);
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep)) {
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
      void this.options.service.handle(message.method, message.params).then((response) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id: message.id, response } satisfies WebServerMessage));
      });
    });
  }
}
