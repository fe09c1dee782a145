import { useApp } from '../store/use-app';
import { etaText } from './pass-words';

/** How far the pass is and when it ends: done, running, queued and left, a bar, the ETA with its range. */
export function PassProgress() {
  const tests = useApp((s) => s.hlk?.tests ?? null);
  if (!tests) return null;
  const p = tests.progress;
  const hanging = tests.tests.filter((t) => t.timing.verdict === 'probable hang' || t.timing.verdict === 'stuck in queue').length;
  return (
    <section className="hsection pass-progress" data-testid="pass-progress">
      <h3 className="hsection__title">The pass</h3>
      <progress className="pass-progress__bar" max={Math.max(p.total, 1)} value={p.done} aria-label="Tests done" />
      <p data-testid="pass-progress-counts">
        <strong>
          {p.done} of {p.total} done
        </strong>{' '}
        ({p.passed} passed, <span className={p.failed > 0 ? 'tone-bad' : undefined}>{p.failed} failed</span>) · {p.running} running · {p.queued} queued
        {p.notQueued > 0 && ` · ${p.notQueued} not queued`}
      </p>
      <p data-testid="pass-eta">
        <strong>Ends {etaText(tests)}</strong>
        {p.eta && <span className="muted"> · {p.eta.busiest} has the most left</span>}
        {p.unestimated > 0 && <span className="muted"> · {p.unestimated} tests without an expected time are not counted</span>}
      </p>
      {hanging > 0 && (
        <p className="tone-bad" data-testid="pass-hanging">
          <strong>{hanging === 1 ? '1 test needs a look' : `${hanging} tests need a look`}:</strong> see the tests marked below.
        </p>
      )}
      <p className="hint">
        Expected times are HLK’s estimates, or the median of this lab’s last runs of the test with driver {tests.driverVersion} and HLK {tests.kit}. A test is
        overdue past its expected time and probably hangs past twice that and 15 minutes.
      </p>
    </section>
  );
}
