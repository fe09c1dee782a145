import { randomUUID } from 'node:crypto';
import type { MachineView } from '../../shared/lab';
import type { ConnectionState } from '../../shared/lab';
import { connectionEvent, type NewPassEvent, type PassEvent } from '../../shared/hlk/pass-events';
import type { Alerts } from './alerts';
import type { PassContext } from './pass-context';

/** Events kept for the page (the journal keeps them all). */
const KEEP = 200;

/**
 * What happened in the open lab's pass while it was watched: each event gets its time, is journaled, pushed
 * as `passEvent`, kept for the page, and handed to the alerts. Machines' connections come from their views
 * (dropped, rebooting, back after a reboot); the HLK side from the HLK Studio service's readings.
 */
export class PassWatch {
  private readonly kept: PassEvent[] = [];
  private readonly connection = new Map<string, ConnectionState>();

  constructor(
    private readonly ctx: PassContext,
    private readonly alerts: Alerts,
  ) {}

  events(): PassEvent[] {
    return [...this.kept];
  }

  happened(events: readonly NewPassEvent[]): void {
    for (const e of events) {
      const event: PassEvent = { ...e, id: randomUUID(), at: new Date().toISOString() };
      this.kept.push(event);
      if (this.kept.length > KEEP) this.kept.shift();
      this.ctx.record(event.machine, 'hlk', `${event.title} [${event.kind}]`, { event: event.kind, title: event.title, next: event.next });
      this.ctx.emit({ name: 'passEvent', payload: event });
      void this.alerts.announce(this.ctx.labName, event).then(
        (delivery) => {
          if (delivery.webhook && !delivery.webhook.ok) this.ctx.record(null, 'hlk', `the alert "${event.title}" did not reach the webhook: ${delivery.webhook.error}`);
        },
        () => undefined,
      );
    }
  }

  machineChanged(view: MachineView): void {
    const before = this.connection.get(view.name);
    this.connection.set(view.name, view.state);
    if (before === undefined) return;
    const event = connectionEvent(view.name, before, view.state, view.rebootedAt !== null && before !== 'connected');
    if (event) this.happened([event]);
  }
}
