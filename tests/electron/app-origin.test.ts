import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { isAppUrl } from '../../electron/app-origin';
import { rendererFile } from '../../electron/web/renderer-file';

describe('isAppUrl (will-navigate and the IPC sender check)', () => {
  it('accepts the app page', () => {
    expect(isAppUrl('app://hlk-assist/index.html')).toBe(true);
    expect(isAppUrl('app://hlk-assist/')).toBe(true);
  });
  it.each(['app://hlk-assist.evil/index.html', 'app://hlk-assist@evil/', 'app://hlk-assist:8080/', 'https://hlk-assist/', 'app://other/', 'not a url', ''])(
    'refuses %s, which a prefix comparison let through or cannot parse',
    (address) => expect(isAppUrl(address)).toBe(false),
  );
});

describe('rendererFile (the app:// handler and the web host)', () => {
  const root = join('/', 'srv', 'renderer');
  it('maps a path inside the renderer folder', () => {
    expect(rendererFile(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(rendererFile(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });
  it.each(['/%C0%AF', '/%ZZ', '/%E0%A4%A', '/%', '/../etc/passwd', '/..%2f..%2fetc/passwd', '/a%00.js'])('refuses %s without throwing', (path) => {
    expect(rendererFile(root, path)).toBeNull();
  });
});
