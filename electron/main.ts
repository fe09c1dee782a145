/**
 * The Electron shell: one window on the built renderer, served from the app:// scheme, and the api
 * handed to it over IPC. Everything of substance lives in LabService, which the web host serves too.
 */
import { app, BrowserWindow, dialog, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabService } from './service/lab-service';
import { registerIpc } from './ipc';
import { makePrivateFolder } from './private-folder';
import { APP_ORIGIN, isAppUrl } from './app-origin';
import { mayAttachWebview, mayNavigate, mayUsePermission, windowOpenDecision } from './window-guards';
import { CONTENT_SECURITY_POLICY } from './web/content-security-policy';
import { rendererFile } from './web/renderer-file';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    const path = rendererFile(rendererDir, new URL(request.url).pathname);
    if (path === null) return new Response('Bad request', { status: 400 });
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
  // The decisions are window-guards.ts's; here they are only wired to Electron.
  win.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(windowOpenDecision);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => {
    if (!mayAttachWebview()) event.preventDefault();
  });
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(mayUsePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => mayUsePermission(permission));
  serveRenderer();
  const dataDir = app.getPath('userData');
  await makePrivateFolder(dataDir);
  // The log viewer reads files outside the runs folder only when the operator picked them here.
  const pickFile = async (): Promise<string | null> => {
    const options: Electron.OpenDialogOptions = { title: 'Open a log', properties: ['openFile'] };
    const win = BrowserWindow.getFocusedWindow();
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };
  const service = new LabService({ dataDir, host: 'electron', pickFile });
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
