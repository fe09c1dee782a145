import { useEffect } from 'react';
import { passEventKindWords } from '../../shared/hlk/pass-events';
import { RelativeTime } from '../components/RelativeTime';
import { useApp } from '../store/use-app';

const kindTone = { infrastructure: 'warn', 'test-failure': 'bad', 'probable-hang': 'bad', progress: 'good' } as const;

/** What the watch found happening, newest first, each with what to do and a link to the page that explains it. */
export function PassEvents() {
  const events = useApp((s) => s.passEvents);
  const load = useApp((s) => s.loadPassEvents);
  const showPage = useApp((s) => s.showPage);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="hsection" data-testid="pass-events">
      <h3 className="hsection__title">What happened</h3>
      {events.length === 0 ? (
        <p className="muted">Nothing yet. Watch the pass (below) and hlk-assist tells you when a machine drops out, a test fails or hangs.</p>
      ) : (
        <ul className="pass-events">
          {[...events].reverse().map((e) => (
            <li key={e.id} className={`pass-event tone-${kindTone[e.kind]}`} data-testid="pass-event" data-kind={e.kind}>
              <strong>{e.title}</strong> <span className="muted">· {passEventKindWords[e.kind]} · <RelativeTime iso={e.at} phrasing="ago" /></span>
              <p>{e.detail}</p>
              <p>
                <strong>Next:</strong> {e.next}{' '}
                {e.page !== 'hlk' && (
                  <button type="button" className="button button--small" onClick={() => showPage(e.page)}>
                    Open the {e.page === 'machines' ? 'Machines' : 'tapdiag'} page
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
