import { useShallow } from 'zustand/react/shallow';
import type { CheckStatus, MachineReadiness } from '../../shared/readiness/results';
import type { ConnectionState } from '../../shared/lab';
import { RelativeTime } from '../components/RelativeTime';
import { inLabOrder } from '../lab/attention';
import { connectionStates } from '../lab/connection-states';
import { useApp } from '../store/use-app';
import { checkStatuses } from './check-status';
import { machineCounts } from './readiness-rows';
import { StatusIcon, type IconStatus } from './StatusIcon';

function countsText(counts: Record<CheckStatus, number>): string {
  const problems = checkStatuses
    .filter((s) => s !== 'pass' && counts[s] > 0)
    .map((s) => `${counts[s]} ${s === 'fail' ? 'failing' : s === 'unknown' ? 'unknown' : counts[s] === 1 ? 'warning' : 'warnings'}`);
  return problems.length === 0 ? `all ${counts.pass} checks pass` : problems.join(', ');
}

function verdict(r: MachineReadiness | undefined, state: ConnectionState | undefined): { icon: IconStatus; word: string; tone: string } {
  if (!r || r.ready === null) {
    if (r?.running) return { icon: 'checking', word: 'Checking…', tone: 'busy' };
    // Checks run once the machine answers: say why they have not, not only that.
    if (state && state !== 'connected') return { icon: 'unknown', word: `Cannot be checked: ${connectionStates[state].label.toLowerCase()}`, tone: connectionStates[state].tone };
    return { icon: 'not-checked', word: 'Not checked yet', tone: 'off' };
  }
  return r.ready ? { icon: 'pass', word: 'Ready', tone: 'good' } : { icon: 'fail', word: 'Not ready', tone: 'bad' };
}

function MachineLine({ name }: { name: string }) {
  const r = useApp((s) => s.readiness[name]);
  const runChecks = useApp((s) => s.runChecks);
  const fixingTitle = useApp((s) => (r?.fixing ? (s.checkCatalogue.find((c) => c.id === r.fixing)?.title ?? r.fixing) : null));
  const state = useApp((s) => s.lab?.machines.find((m) => m.name === name)?.state);
  const v = verdict(r, state);
  return (
    <li className="rmachine" data-testid={`readiness-machine-${name}`} data-ready={r?.ready === null || !r ? 'unknown' : String(r.ready)}>
      <span className={`rmachine__verdict tone-${v.tone}`}>
        <StatusIcon status={v.icon} />
        <strong className="rmachine__name">{name}</strong> {v.word}
      </span>
      <span className="rmachine__counts">
        {r && r.ready !== null && <span className={r.ready ? 'muted' : undefined}>{countsText(machineCounts(r))}</span>}
        {r?.fixing && <span className="tone-busy"> · fixing: {fixingTitle}…</span>}
        {r?.running && r.ready !== null && <span className="tone-busy"> · checking again…</span>}
        {r?.checkedAt && (
          <span className="muted">
            {' '}
            · checked <RelativeTime iso={r.checkedAt} phrasing="ago" />
          </span>
        )}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={r?.running ?? false}
        onClick={() => void runChecks({ machine: name })}
        data-testid={`readiness-run-${name}`}
      >
        Check {name}
      </button>
    </li>
  );
}

/** One line per machine: ready or not, how many checks fail, when it was checked. */
export function MachineReadinessLines() {
  const names = useApp(useShallow((s) => inLabOrder(s.lab?.machines ?? []).map((m) => m.name)));
  return (
    <ul className="rmachines" aria-label="Machines">
      {names.map((n) => (
        <MachineLine key={n} name={n} />
      ))}
    </ul>
  );
}
