import { useEffect, useState } from 'react';
import type { OperationInfo } from '../../shared/operations/views';
import type { OperationError } from '../../shared/errors';
import { formatClock, formatDuration } from '../components/time-format';
import type { OperationRun } from '../store/operations-slice';
import { errorKindWords } from './error-words';

function useSecondsSince(startedAt: number, running: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

function ErrorView({ error }: { error: OperationError }) {
  const detail = Object.entries(error.detail ?? {});
  return (
    <>
      <p>
        <span className="badge badge--bad">{errorKindWords[error.kind] ?? error.kind}</span> {error.message}
      </p>
      {detail.length > 0 && (
        <dl className="outcome__detail">
          {detail.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="mono selectable">{String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/** The last run on a machine: a progress line while it runs, then its result or its typed error. */
export function RunOutcome({ run, operation, testId }: { run: OperationRun; operation: OperationInfo | undefined; testId: string }) {
  const seconds = useSecondsSince(run.startedAt, run.status === 'running');
  const title = operation?.title ?? run.operation;
  if (run.status === 'running') {
    return (
      <div className="outcome outcome--running" role="status" data-testid={testId} data-status="running">
        <progress className="outcome__progress" aria-label={`Running ${title}`} />
        <p>
          Running “{title}”… {seconds} s
          {operation && <span className="muted"> (gives up after {formatDuration(operation.timeoutMs)})</span>}
        </p>
      </div>
    );
  }
  const when = `${formatClock(new Date(run.finishedAt))}`;
  if (run.status === 'no-outcome') {
    return (
      <div className="outcome outcome--bad" role="alert" data-testid={testId} data-status="no-outcome">
        <p className="outcome__head">
          <strong>No outcome for “{title}”</strong> <span className="muted">at {when}</span>
        </p>
        <p>{run.message}</p>
      </div>
    );
  }
  const { outcome } = run;
  const took = `${outcome.elapsedMs} ms`;
  return (
    <div
      className={outcome.ok ? 'outcome outcome--good' : 'outcome outcome--bad'}
      role={outcome.ok ? 'status' : 'alert'}
      data-testid={testId}
      data-status={outcome.ok ? 'ok' : 'error'}
    >
      <p className="outcome__head">
        <strong>
          {outcome.ok ? '✓ Done' : '✕ Failed'}: “{title}”
        </strong>{' '}
        <span className="muted">
          at {when}, took {took}
        </span>
      </p>
      {outcome.ok ? (
        <pre className="outcome__result mono selectable" tabIndex={0} aria-label={`Result of ${title}`}>
          {JSON.stringify(outcome.result, null, 2)}
        </pre>
      ) : (
        <ErrorView error={outcome.error} />
      )}
    </div>
  );
}
