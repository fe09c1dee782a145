import { formatClock, formatDuration } from '../components/time-format';
import { useNow } from '../components/use-now';
import type { FixRun } from '../store/readiness-slice';
import { statusLooks } from './check-status';
import { RebootButton } from '../machine-actions/RebootButton';
import { useApp } from '../store/use-app';
import { errorWords } from '../operations/error-words';

/** A fix asked for from this window: under way (then the check runs again), or what came of it. */
export function FixProgress({ run, onDismiss, testId }: { run: FixRun; onDismiss(): void; testId: string }) {
  const now = useNow();
  const { title, runsOn } = run.fix;
  const machine = useApp((s) => s.lab?.machines.find((m) => m.name === runsOn));
  if (run.status === 'running') {
    return (
      <div className="fix fix--running" role="status" data-testid={testId} data-status="running">
        <progress className="fix__progress" aria-label={`Fixing: ${title}`} />
        <p>
          {title} on {runsOn}… <span className="muted">{formatDuration(now - run.startedAt)}; then the check runs again</span>
        </p>
      </div>
    );
  }
  const at = formatClock(new Date(run.finishedAt));
  const dismiss = (
    <button type="button" className="button button--small" onClick={onDismiss} data-testid={`${testId}-dismiss`}>
      OK
    </button>
  );
  if (run.status === 'no-outcome') {
    return (
      <div className="fix fix--bad" role="alert" data-testid={testId} data-status="no-outcome">
        <p>
          <strong>No outcome for the fix</strong> <span className="muted">at {at}</span>: {run.message}
        </p>
        {dismiss}
      </div>
    );
  }
  const { outcome } = run;
  const after = outcome.check ? statusLooks[outcome.check.status].label.toLowerCase() : 'not checked';
  const good = outcome.ok && outcome.resolved;
  if (outcome.ok && !outcome.resolved && run.fix.needsReboot) {
    // Not a failure: the change waits for the reboot, and the check says the old state until then.
    return (
      <div className="fix fix--running" role="status" data-testid={testId} data-status="needs-reboot">
        <p>
          <strong>
            Done at {at}: it takes effect once {runsOn} reboots.
          </strong>{' '}
          Until then the check reads what was there before ({after}).
        </p>
        {machine && <RebootButton machine={machine} testId={`${testId}-reboot`} disabled={machine.state !== 'connected'} />} {dismiss}
      </div>
    );
  }
  return (
    <div className={good ? 'fix fix--good' : 'fix fix--bad'} role={good ? 'status' : 'alert'} data-testid={testId} data-status={good ? 'fixed' : outcome.ok ? 'not-resolved' : 'failed'}>
      <p>
        {good ? (
          <strong>✓ Fixed at {at}: the check {after} now.</strong>
        ) : outcome.ok ? (
          <strong>The fix ran at {at}, but the check still {after}.</strong>
        ) : (
          <>
            <strong>✕ The fix failed at {at}</strong>: {outcome.error ? errorWords(outcome.error) : 'no error recorded'}. The check {after}.
          </>
        )}{' '}
        <span className="muted">Took {outcome.elapsedMs < 10_000 ? `${(outcome.elapsedMs / 1000).toFixed(1)} s` : formatDuration(outcome.elapsedMs)}.</span>
      </p>
      {dismiss}
    </div>
  );
}
