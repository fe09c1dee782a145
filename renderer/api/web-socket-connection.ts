import type { ApiEventMessage, ApiEventName, ApiMethod, ApiParams, ApiResponse, HlkApi } from '../../shared/api';
import type { WebClientMessage, WebServerMessage } from '../../shared/web-protocol';
import { reconnectDelayMs } from './backoff';
import { HostUnavailable, type HostConnection, type HostLink } from './host-connection';

interface PendingCall {
  method: ApiMethod;
  resolve: (response: ApiResponse) => void;
  reject: (e: HostUnavailable) => void;
}

/** Every event the api pushes: an event added to the contract and missing here does not compile. */
const EVENT_NAMES: Record<ApiEventName, true> = {
  lab: true,
  machine: true,
  event: true,
  readiness: true,
  collection: true,
  checklist: true,
  tapdiag: true,
  hlk: true,
  linkcheck: true,
  journal: true,
  passEvent: true,
};

function parseServerMessage(data: unknown): WebServerMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.kind === 'result' && typeof m.id === 'number' && typeof m.response === 'object' && m.response !== null) {
    return m as unknown as WebServerMessage;
  }
  if (m.kind === 'event' && typeof m.event === 'object' && m.event !== null) {
    const name = (m.event as Record<string, unknown>).name;
    if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENT_NAMES, name)) return m as unknown as WebServerMessage;
  }
  return null;
}

/**
 * The api over the web host's WebSocket (shared/web-protocol.ts). Reconnects with backoff when the
 * socket drops. A call is never queued for later: while disconnected it fails at once, so an action
 * such as a reboot cannot fire minutes after the operator asked for it.
 */
export class WebSocketConnection implements HostConnection {
  readonly api: HlkApi;
  private socket: WebSocket | null = null;
  private link: HostLink = { status: 'connecting' };
  private everConnected = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly eventListeners = new Set<(event: ApiEventMessage) => void>();
  private readonly linkListeners = new Set<(link: HostLink) => void>();

  constructor(
    private readonly url: string,
    private readonly address: string,
  ) {
    this.api = {
      call: <M extends ApiMethod>(method: M, params: ApiParams<M>) => this.call(method, params),
      onEvent: (listener) => {
        this.eventListeners.add(listener);
        return () => this.eventListeners.delete(listener);
      },
    };
    this.open();
  }

  onLink(listener: (link: HostLink) => void): () => void {
    this.linkListeners.add(listener);
    listener(this.link);
    return () => this.linkListeners.delete(listener);
  }

  retryNow(): void {
    if (this.link.status !== 'disconnected') return;
    this.open();
  }

  private call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResponse<M>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new HostUnavailable(`Not connected to hlk-assist: ${method} was not sent.`));
    }
    const id = this.nextId++;
    const message: WebClientMessage = { kind: 'call', id, method, params };
    return new Promise<ApiResponse<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (r: ApiResponse) => void, reject });
      socket.send(JSON.stringify(message));
    });
  }

  private open(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setLink({ status: 'connecting' });
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (e) {
      this.dropped(`Cannot open a connection to ${this.address}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.everConnected = true;
      this.setLink({ status: 'connected' });
    };
    socket.onmessage = (e: MessageEvent) => this.received(e.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropped(
        this.everConnected
          ? `The connection to hlk-assist at ${this.address} dropped: hlk-assist stopped, or this computer slept.`
          : `hlk-assist does not answer at ${this.address}, or it refused this page's token. If hlk-assist was started again, open the new address it printed: the token changes at every start.`,
      );
    };
  }

  private received(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) {
      console.warn('hlk-assist: ignored a message that is not in the web protocol');
      return;
    }
    if (message.kind === 'event') {
      for (const listener of this.eventListeners) listener(message.event);
      return;
    }
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    call.resolve(message.response);
  }

  private dropped(reason: string): void {
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      call.reject(
        new HostUnavailable(
          `Disconnected from hlk-assist before it answered ${call.method}: it may or may not have been done. Look at the machine state and the events once reconnected.`,
        ),
      );
    }
    this.failures++;
    const delay = reconnectDelayMs(this.failures);
    this.setLink({ status: 'disconnected', reason, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private setLink(link: HostLink): void {
    this.link = link;
    for (const listener of this.linkListeners) listener(link);
  }
}
