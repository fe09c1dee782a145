/**
 * What the Electron window may do, decided by plain functions: main.ts and ipc.ts only wire them to
 * Electron's events, so each decision is tested without the Electron binary.
 */
import { isAppUrl } from './app-origin';

/** The window shows the app and nothing else: navigation only within the app's own origin. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** No new windows, whatever the page asks (window.open, target=_blank, middle click). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The app needs no browser permission (camera, notifications, clipboard, ...): every request and check is refused. */
export function mayUsePermission(_permission: string): boolean {
  return false;
}

/** No <webview>: it would embed pages outside the app's sandbox settings. */
export function mayAttachWebview(): boolean {
  return false;
}

/** Who sent an IPC message, as Electron tells it. */
export interface IpcSender {
  /** The sender's web contents belong to a window this app created. */
  fromAppWindow: boolean;
  /** The address of the frame that sent it; absent when the frame is gone. */
  frameUrl: string | undefined;
}

/** A message counts only if it comes from a window this app created, showing the app's own page. */
export function ipcSenderTrusted(sender: IpcSender): boolean {
  return sender.fromAppWindow && sender.frameUrl !== undefined && isAppUrl(sender.frameUrl);
}
