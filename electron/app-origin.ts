/** Where the Electron window loads the UI from; IPC accepts messages only from frames at this origin. */
export const APP_ORIGIN = 'app://hlk-assist';

const APP_URL = new URL(APP_ORIGIN);

/**
 * Whether an address is the app's own page, by scheme and host rather than by prefix: `startsWith`
 * would let `app://hlk-assist.evil/` and `app://hlk-assist@evil/` pass. (Node gives custom schemes an
 * opaque origin, so the parts are compared, not `origin`.)
 */
export function isAppUrl(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === APP_URL.protocol && url.host === APP_URL.host && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
