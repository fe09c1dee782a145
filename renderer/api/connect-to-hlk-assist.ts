import type { HlkApi } from '../../shared/api';
import { WEB_API_PATH } from '../../shared/web-protocol';
import { HostUnavailable, type HostConnection } from './host-connection';
import { WebSocketConnection } from './web-socket-connection';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent when the page is served by the web host. */
    hlk?: HlkApi;
  }
}

/** Inside the desktop app the preload hands the api over directly; there is no line that can drop. */
function desktopConnection(api: HlkApi): HostConnection {
  return {
    api,
    onLink: (listener) => {
      listener({ status: 'connected' });
      return () => {};
    },
    retryNow: () => {},
  };
}

/** A page that can never reach hlk-assist: every call fails with the reason. */
function unusableConnection(reason: string): HostConnection {
  return {
    api: {
      call: () => Promise.reject(new HostUnavailable(reason)),
      onEvent: () => () => {},
    },
    onLink: (listener) => {
      listener({ status: 'disconnected', reason, retryAt: null });
      return () => {};
    },
    retryNow: () => {},
  };
}

/** The desktop app's api when present, else the web host's WebSocket at this page's own address. */
export function connectToHlkAssist(win: Window): HostConnection {
  if (win.hlk) return desktopConnection(win.hlk);
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) {
    return unusableConnection(
      'This address has no token. Open the address hlk-assist printed when it started; it ends in ?token=…',
    );
  }
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${win.location.host}${WEB_API_PATH}?token=${encodeURIComponent(token)}`;
  return new WebSocketConnection(url, win.location.host);
}
