import { memo, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LabEvent, LabEventKind } from '../../shared/lab';
import { formatDate, formatWhenOn } from '../components/time-format';
import { useNow } from '../components/use-now';
import { useApp } from '../store/use-app';

/** Rows drawn at first; the rest on request, so a long night's events stay quick to scroll. */
const PAGE = 300;

const kindWords: Record<LabEventKind, { text: string; tone: string }> = {
  lab: { text: 'lab', tone: 'off' },
  connected: { text: 'connected', tone: 'good' },
  disconnected: { text: 'disconnected', tone: 'warn' },
  rebooted: { text: 'rebooted', tone: 'warn' },
  'auth-failed': { text: 'auth failed', tone: 'bad' },
  'host-key-changed': { text: 'host key changed', tone: 'bad' },
  'host-key-pinned': { text: 'host key pinned', tone: 'off' },
  operation: { text: 'operation', tone: 'busy' },
};

const EventRow = memo(function EventRow({ event, today }: { event: LabEvent; today: string }) {
  const kind = kindWords[event.kind] ?? { text: event.kind, tone: 'off' };
  return (
    <li className="event">
      <time className="event__time mono" dateTime={event.at} title={event.at}>
        {formatWhenOn(new Date(event.at), today)}
      </time>
      <span className="event__machine">{event.machine ?? 'lab'}</span>
      <span className={`event__kind tone-${kind.tone}`}>{kind.text}</span>
      <span className="event__text">{event.text}</span>
    </li>
  );
});

/** What happened, newest first, for all machines or one. */
export function EventsList() {
  const events = useApp((s) => s.events);
  const names = useApp(useShallow((s) => (s.lab?.machines ?? []).map((m) => m.name)));
  const filter = useApp((s) => s.settings.eventsMachine);
  const setFilter = useApp((s) => s.setEventsMachine);
  const [shown, setShown] = useState(PAGE);
  const today = formatDate(new Date(useNow()));
  const id = useId();
  // A remembered filter for a machine this lab does not have would hide everything.
  const active = filter !== null && names.includes(filter) ? filter : null;
  const visible = useMemo(() => (active ? events.filter((e) => e.machine === active) : events), [events, active]);
  return (
    <section className="events" aria-labelledby={`${id}-title`}>
      <div className="events__head">
        <h2 id={`${id}-title`} className="events__title">
          Events
        </h2>
        <label htmlFor={`${id}-filter`} className="visually-hidden">
          Show events of
        </label>
        <select
          id={`${id}-filter`}
          value={active ?? ''}
          onChange={(e) => setFilter(e.target.value || null)}
          data-testid="events-filter"
        >
          <option value="">All machines</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {visible.length === 0 ? (
        <p className="muted events__none" data-testid="events">
          No events{active ? ` for ${active}` : ''} yet.
        </p>
      ) : (
        <ol className="events__list" data-testid="events">
          {visible.slice(0, shown).map((e) => (
            <EventRow key={e.id} event={e} today={today} />
          ))}
        </ol>
      )}
      {visible.length > shown && (
        <button type="button" className="button button--small" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, visible.length - shown)} older events
        </button>
      )}
    </section>
  );
}
