import type { AlertDelivery } from '../../shared/api';
import type { PassEvent } from '../../shared/hlk/pass-events';
import type { AlertSettings } from '../../shared/hlk/alert-settings';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** What the watch found happening in the pass, and where alerts go. */
export interface PassSlice {
  passEvents: PassEvent[];
  alertSettings: AlertSettings | null;
  alertRequest: { doing: string | null; error: string | null; delivery: AlertDelivery | null };
  loadPassEvents(): Promise<void>;
  loadAlertSettings(): Promise<void>;
  saveAlertSettings(settings: AlertSettings): Promise<void>;
  sendTestAlert(): Promise<void>;
}

const KEEP = 200;

/** The browser's notification, in web mode (the Electron app shows the system's from its main process). */
function browserNotification(event: PassEvent, open: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(event.title, { body: event.next, tag: event.id });
  n.onclick = () => {
    window.focus();
    open();
  };
}

export const createPassSlice: SliceCreator<PassSlice> = (set, get, { connection }) => {
  const api = connection.api;
  connection.api.onEvent((message) => {
    if (message.name !== 'passEvent') return;
    const event = message.payload as PassEvent;
    set((s) => ({ passEvents: [...s.passEvents, event].slice(-KEEP) }));
    const settings = get().alertSettings;
    if (get().servedBy === 'web' && settings?.desktop && settings.kinds[event.kind]) browserNotification(event, () => get().showPage(event.page));
  });
  const idle = { doing: null, error: null, delivery: null };
  return {
    passEvents: [],
    alertSettings: null,
    alertRequest: idle,
    loadPassEvents: async () => {
      const answer = await ask(api, 'pass.events', {});
      if (answer.ok) set({ passEvents: answer.result });
    },
    loadAlertSettings: async () => {
      const answer = await ask(api, 'alerts.settings', {});
      if (answer.ok) set({ alertSettings: answer.result });
    },
    saveAlertSettings: async (settings) => {
      set({ alertRequest: { ...idle, doing: 'saving' } });
      const answer = await ask(api, 'alerts.configure', { alerts: settings });
      if (answer.ok) set({ alertSettings: answer.result, alertRequest: idle });
      else set({ alertRequest: { ...idle, error: answer.message } });
    },
    sendTestAlert: async () => {
      set({ alertRequest: { ...idle, doing: 'sending a test alert' } });
      const answer = await ask(api, 'alerts.test', {});
      if (!answer.ok) {
        set({ alertRequest: { ...idle, error: answer.message } });
        return;
      }
      const settings = get().alertSettings;
      if (get().servedBy === 'web' && settings?.desktop) {
        browserNotification({ id: 'test', kind: 'infrastructure', at: new Date().toISOString(), title: 'A test alert from hlk-assist', detail: '', next: 'Nothing to do: alerts work.', page: 'hlk', machine: null, test: null }, () => undefined);
      }
      set({ alertRequest: { ...idle, delivery: answer.result } });
    },
  };
};
