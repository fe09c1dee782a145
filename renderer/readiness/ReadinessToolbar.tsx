import { useId } from 'react';
import { formatDuration } from '../components/time-format';
import { useApp } from '../store/use-app';

const intervals = [60, 300, 900, 1800, 3600];

/** Run every check now, and how often to run them again while the operator is away. */
export function ReadinessToolbar() {
  const runChecks = useApp((s) => s.runChecks);
  const setWatchInterval = useApp((s) => s.setWatchInterval);
  const watch = useApp((s) => s.watchIntervalSeconds);
  const doing = useApp((s) => s.readinessRequest.doing);
  const error = useApp((s) => s.readinessRequest.error);
  const id = useId();
  const choices = watch === null || intervals.includes(watch) ? intervals : [...intervals, watch].sort((a, b) => a - b);
  return (
    <div className="readiness__toolbar">
      <button
        type="button"
        className="button button--primary"
        disabled={doing === 'run'}
        onClick={() => void runChecks({})}
        data-testid="readiness-run-all"
      >
        {doing === 'run' ? 'Checking every machine…' : 'Run all checks'}
      </button>
      <label htmlFor={id} className="readiness__watch">
        Run them again
        <select
          id={id}
          value={watch ?? ''}
          disabled={doing === 'watch'}
          onChange={(e) => void setWatchInterval(e.target.value === '' ? null : Number(e.target.value))}
          data-testid="readiness-watch"
        >
          <option value="">only on reconnects, reboots and fixes</option>
          {choices.map((s) => (
            <option key={s} value={s}>
              every {formatDuration(s * 1000)}
            </option>
          ))}
        </select>
      </label>
      <span className="hint">Checks run by themselves when a machine connects, reconnects or reboots, and after every fix.</span>
      {error && (
        <p className="notice notice--bad readiness__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
