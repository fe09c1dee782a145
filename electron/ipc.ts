import { BrowserWindow, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ApiEventMessage } from '../shared/api';
import { IPC_CALL, IPC_EVENT, IPC_READY } from './ipc-channels';
import type { LabService } from './service/lab-service';
import { ipcSenderTrusted } from './window-guards';

function trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  return ipcSenderTrusted({ fromAppWindow: BrowserWindow.fromWebContents(event.sender) !== null, frameUrl: event.senderFrame?.url });
}

/**
 * The one place IPC is registered. Events wait in a queue per window until its renderer says it is
 * ready, so nothing pushed during start-up is lost.
 */
export function registerIpc(service: LabService): void {
  const ready = new Set<WebContents>();
  const queued = new Map<WebContents, ApiEventMessage[]>();

  ipcMain.handle(IPC_CALL, (event, method: unknown, params: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'invalid-request', message: 'refused: not the hlk-assist window' } };
    return service.handle(method, params);
  });

  ipcMain.on(IPC_READY, (event) => {
    if (!trusted(event)) return;
    const contents = event.sender;
    ready.add(contents);
    for (const message of queued.get(contents) ?? []) contents.send(IPC_EVENT, message);
    queued.delete(contents);
    contents.once('destroyed', () => ready.delete(contents));
  });

  service.subscribe((message) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents;
      if (ready.has(contents)) contents.send(IPC_EVENT, message);
      else {
        const queue = queued.get(contents) ?? [];
        queue.push(message);
        if (queue.length > 5000) queue.shift();
        queued.set(contents, queue);
      }
    }
  });
}
