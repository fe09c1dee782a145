import { describe, expect, it } from 'vitest';
import { ipcSenderTrusted, mayAttachWebview, mayNavigate, mayUsePermission, windowOpenDecision } from '../../electron/window-guards';

/** The Electron window's security decisions, tested as plain functions: main.ts and ipc.ts only wire them. */
describe('the Electron window guards', () => {
  it('lets the window navigate within the app only, compared by origin rather than by prefix', () => {
    expect(mayNavigate('app://hlk-assist/index.html')).toBe(true);
    for (const url of ['app://hlk-assist.evil/index.html', 'app://hlk-assist@evil/', 'https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', '']) {
      expect(mayNavigate(url), url).toBe(false);
    }
  });

  it('opens no new window and attaches no webview', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(mayAttachWebview()).toBe(false);
  });

  it('grants no browser permission, asked or checked', () => {
    for (const permission of ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'openExternal', 'fullscreen', 'unknown']) {
      expect(mayUsePermission(permission), permission).toBe(false);
    }
  });

  it('trusts an IPC message only from an app window showing the app page', () => {
    expect(ipcSenderTrusted({ fromAppWindow: true, frameUrl: 'app://hlk-assist/index.html' })).toBe(true);
    expect(ipcSenderTrusted({ fromAppWindow: false, frameUrl: 'app://hlk-assist/index.html' })).toBe(false);
    expect(ipcSenderTrusted({ fromAppWindow: true, frameUrl: 'https://example.com/' })).toBe(false);
    expect(ipcSenderTrusted({ fromAppWindow: true, frameUrl: 'app://hlk-assist.evil/' })).toBe(false);
    expect(ipcSenderTrusted({ fromAppWindow: true, frameUrl: undefined })).toBe(false);
  });
});
