import type { ApiEventMessage, ApiMethod, ApiResponse } from './api';

/**
 * How the web host carries the api over one WebSocket. The page is opened as
 * `http://127.0.0.1:PORT/?token=TOKEN`; it connects to `ws://127.0.0.1:PORT/api?token=TOKEN`. The host
 * refuses a missing or wrong token, and any Host or Origin header that is not its own address.
 */
export const WEB_API_PATH = '/api';

export type WebClientMessage = { kind: 'call'; id: number; method: ApiMethod; params: unknown };

export type WebServerMessage =
  | { kind: 'result'; id: number; response: ApiResponse }
  | { kind: 'event'; event: ApiEventMessage };
