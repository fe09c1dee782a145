import type { CheckStatus } from '../../shared/readiness/results';
import { checkStatuses, statusLooks } from './check-status';
import { StatusIcon } from './StatusIcon';

/** Which statuses the dashboard shows, each with how many results have it. */
export function SeverityFilter({
  shown,
  counts,
  onChange,
}: {
  shown: ReadonlySet<CheckStatus>;
  counts: Record<CheckStatus, number>;
  onChange(shown: Set<CheckStatus>): void;
}) {
  return (
    <fieldset className="severity">
      <legend className="severity__legend">Show checks that are</legend>
      {checkStatuses.map((status) => {
        const look = statusLooks[status];
        return (
          <label key={status} className={`severity__choice tone-${look.tone}`}>
            <input
              type="checkbox"
              checked={shown.has(status)}
              onChange={(e) => {
                const next = new Set(shown);
                if (e.target.checked) next.add(status);
                else next.delete(status);
                onChange(next);
              }}
              data-testid={`readiness-filter-${status}`}
            />
            <StatusIcon status={status} />
            {look.plural} ({counts[status]})
          </label>
        );
      })}
    </fieldset>
  );
}
