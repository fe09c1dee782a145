import type { MachineRole } from '../../shared/lab';
import { useApp } from '../store/use-app';
import { CheckCell } from './CheckCell';
import { FixEverywhere } from './FixEverywhere';
import { statusLooks } from './check-status';
import type { ReadinessRow } from './readiness-rows';
import { StatusIcon } from './StatusIcon';

const roleWords: Record<MachineRole, string> = { controller: 'controller', client: 'client', support: 'support' };

function MachineHead({ name, role }: { name: string; role: MachineRole }) {
  const running = useApp((s) => s.readiness[name]?.running ?? false);
  return (
    <th scope="col" className="matrix__machine">
      {name} <span className="muted">({roleWords[role]})</span>
      {running && (
        <span className="tone-busy matrix__checking">
          <StatusIcon status="checking" /> checking…
        </span>
      )}
    </th>
  );
}

function RowHead({ row }: { row: ReadinessRow }) {
  const runChecks = useApp((s) => s.runChecks);
  const look = row.worst ? statusLooks[row.worst] : null;
  return (
    <th scope="row" className="matrix__check">
      <span className={look ? `matrix__title tone-${look.tone}` : 'matrix__title tone-off'}>
        <StatusIcon status={row.worst ?? 'not-checked'} />
        <span className="matrix__title-text">{row.check.title}</span>
      </span>
      <div className="matrix__row-tools">
        <details className="matrix__why">
          <summary>Why it matters</summary>
          <p>{row.check.why}</p>
        </details>
        <button type="button" className="button button--small" onClick={() => void runChecks({ check: row.check.id })} data-testid={`readiness-run-check-${row.check.id}`}>
          Check again<span className="visually-hidden"> {row.check.title} on every machine</span>
        </button>
        <FixEverywhere row={row} />
      </div>
    </th>
  );
}

/** Machines by checks: a row per check, a column per machine, the worst problems at the top. */
export function ChecksMatrix({ rows, machines }: { rows: readonly ReadinessRow[]; machines: ReadonlyArray<{ name: string; role: MachineRole }> }) {
  return (
    <div className="matrix__scroll" tabIndex={0} aria-label="Checks by machine">
      <table className="matrix" data-testid="readiness-matrix">
        <thead>
          <tr>
            <th scope="col" className="matrix__corner">
              Check
            </th>
            {machines.map((m) => (
              <MachineHead key={m.name} name={m.name} role={m.role} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.check.id} data-testid={`readiness-row-${row.check.id}`} data-worst={row.worst ?? 'not-checked'}>
              <RowHead row={row} />
              {row.cells.map((cell) =>
                cell.applies ? (
                  <CheckCell key={cell.machine} check={row.check} machine={cell.machine} result={cell.result} />
                ) : (
                  <td key={cell.machine} className="cell cell--na">
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">does not apply to {cell.machine}</span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
