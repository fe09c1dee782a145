import { useMemo } from 'react';
import { useApp } from '../store/use-app';
import { summarizeLab } from './attention';
import { machineAnchor } from './machine-anchor';

/** One line: how many machines are connected, and what needs attention, worst first. */
export function LabSummaryLine() {
  const machines = useApp((s) => s.lab?.machines);
  const summary = useMemo(() => summarizeLab(machines ?? []), [machines]);
  const allConnected = summary.connected === summary.total;
  return (
    <p className="summary" data-testid="lab-summary" aria-live="polite">
      <strong className={allConnected ? 'tone-good' : undefined}>
        {summary.connected} of {summary.total} machines connected
      </strong>
      {summary.connecting > 0 && <span className="tone-busy">, {summary.connecting} connecting</span>}
      {summary.attention.length === 0 ? (
        <span className="summary__calm"> · nothing needs attention</span>
      ) : (
        <>
          <span> · needs attention: </span>
          {summary.attention.map((a, i) => (
            <span key={`${a.machine}-${a.kind}`} className={`summary__item tone-${a.tone}`}>
              {i > 0 && ', '}
              <a href={`#${machineAnchor(a.machine)}`}>{a.machine}</a> {a.text}
            </span>
          ))}
        </>
      )}
    </p>
  );
}
