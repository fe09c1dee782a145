import type { HlkApi } from '../../shared/api';

/** Whether this page can reach hlk-assist right now. Inside the desktop app it always can. */
export type HostLink =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** `retryAt` is when the next attempt starts (ms since epoch), or null when retrying cannot help. */
  | { status: 'disconnected'; reason: string; retryAt: number | null };

/** The api plus what the UI needs to know about the line to hlk-assist that carries it. */
export interface HostConnection {
  api: HlkApi;
  /** Calls the listener now with the current link, then on every change. */
  onLink(listener: (link: HostLink) => void): () => void;
  /** Tries to reach hlk-assist at once instead of waiting for the next retry. */
  retryNow(): void;
}

/**
 * A request that never reached hlk-assist, or whose answer was lost with the connection. Rejected
 * promises of `HlkApi.call` carry it; the message says whether the request may have been carried out.
 */
export class HostUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostUnavailable';
  }
}
