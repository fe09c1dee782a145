/**
 * The Electron shell: one window on the built renderer, served from the app:// scheme, and the api
 * handed to it over IPC. Everything of substance lives in LabService, which the web host serves too.
 */
import { app, BrowserWindow, net, protocol, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabService } from './service/lab-service';
import { registerIpc } from './ipc';
import { APP_ORIGIN } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './web/content-security-policy';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const path = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (url.host !== 'hlk-assist' || !path.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'hlk-assist',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The window shows the app and nothing else: no navigation away, no new windows.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveRenderer();
  const service = new LabService({ dataDir: app.getPath('userData'), host: 'electron' });
  registerIpc(service);
  await service.restoreLastLab();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('before-quit', () => void service.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
