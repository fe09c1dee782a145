/**
 * Exposes exactly one object to the page, `window.hlk`: the HlkApi of shared/api.ts. Listeners get the
 * message, never Electron's event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage, HlkApi } from '../shared/api';
import { IPC_CALL, IPC_EVENT, IPC_READY } from './ipc-channels';

const api: HlkApi = {
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT, handler);
    ipcRenderer.send(IPC_READY);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('hlk', api);
