import type { AlertDelivery } from '../../shared/api';
import type { AlertSettings } from '../../shared/hlk/alert-settings';
import type { PassEvent } from '../../shared/hlk/pass-events';
import { postWebhook, webhookDefaults, type WebhookOptions } from './webhook';

/**
 * Announces the pass's events the operator wants to hear of (by kind): to the desktop through the host
 * (Electron's notifications; in web mode the page shows the browser's, from the pushed `passEvent`), and
 * as a JSON POST to the webhook. The webhook's body has the event and the lab's name, nothing else: no
 * address, user or credential of any machine.
 */


/** The webhook's body. `link` names the app's page that explains the event. */
export function webhookBody(labName: string, event: PassEvent): Record<string, unknown> {
  return {
    source: 'hlk-assist',
    lab: labName,
    kind: event.kind,
    at: event.at,
    title: event.title,
    detail: event.detail,
    next: event.next,
    machine: event.machine,
    link: `hlk-assist://lab/${event.page}`,
    text: `${labName}: ${event.title}. ${event.next}`,
  };
}

export class Alerts {
  constructor(
    private readonly settings: () => Promise<AlertSettings>,
    /** Shows a desktop notification (Electron); null in web mode, where the page does it. */
    private readonly notify: ((title: string, body: string, page: string) => void) | null,
    private readonly webhookOptions: WebhookOptions = webhookDefaults,
  ) {}

  async announce(labName: string, event: PassEvent, force = false): Promise<AlertDelivery> {
    const settings = await this.settings();
    if (!force && !settings.kinds[event.kind]) return { sent: false, desktop: false, webhook: null };
    const desktop = settings.desktop && this.notify !== null;
    if (desktop) this.notify!(event.title, event.next, event.page);
    const webhook = settings.webhook ? await postWebhook(settings.webhook, webhookBody(labName, event), this.webhookOptions) : null;
    return { sent: true, desktop, webhook };
  }
}
