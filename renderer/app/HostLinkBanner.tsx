import { useEffect, useState } from 'react';
import { useApp } from '../store/use-app';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Says plainly when this window cannot reach hlk-assist, and that what it shows may be out of date. */
export function HostLinkBanner() {
  const link = useApp((s) => s.link);
  const loaded = useApp((s) => s.loaded);
  const syncError = useApp((s) => s.syncError);
  const retryNow = useApp((s) => s.retryNow);
  const seconds = useSecondsUntil(link.status === 'disconnected' ? link.retryAt : null);
  if (link.status === 'disconnected') {
    return (
      <div className="banner banner--bad" role="alert" data-testid="host-link">
        <p>
          <strong>Disconnected from hlk-assist.</strong> {link.reason}
          {loaded && ' What you see below may be out of date.'}
        </p>
        {seconds !== null && (
          <p className="banner__retry">
            {seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again…'}{' '}
            <button type="button" className="button button--small" onClick={retryNow}>
              Try now
            </button>
          </p>
        )}
      </div>
    );
  }
  if (syncError) {
    return (
      <div className="banner banner--warn" role="alert" data-testid="host-link">
        <p>
          <strong>hlk-assist did not answer the last refresh:</strong> {syncError}
        </p>
      </div>
    );
  }
  return null;
}
