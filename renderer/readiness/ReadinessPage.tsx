import { useMemo, useState } from 'react';
import type { CheckStatus } from '../../shared/readiness/results';
import { inLabOrder } from '../lab/attention';
import { useApp } from '../store/use-app';
import { ChecksMatrix } from './ChecksMatrix';
import { MachineReadinessLines } from './MachineReadinessLines';
import { ReadinessToolbar } from './ReadinessToolbar';
import { countStatuses, readinessRows, rowShown } from './readiness-rows';
import { SeverityFilter } from './SeverityFilter';

/** Problems first: passing checks are one tick away. */
const SHOWN_AT_FIRST: ReadonlySet<CheckStatus> = new Set(['fail', 'unknown', 'warn']);

/** Is every machine ready for the pass: per machine one line, then every check by machine, worst first, with its fix. */
export function ReadinessPage() {
  const labMachines = useApp((s) => s.lab?.machines);
  const catalogue = useApp((s) => s.checkCatalogue);
  const readiness = useApp((s) => s.readiness);
  const fixes = useApp((s) => s.fixes);
  const [shown, setShown] = useState<ReadonlySet<CheckStatus>>(SHOWN_AT_FIRST);
  const machines = useMemo(() => inLabOrder(labMachines ?? []).map((m) => ({ name: m.name, role: m.role })), [labMachines]);
  const pinned = useMemo(() => new Set(Object.values(fixes).map((f) => f.check)), [fixes]);
  const rows = useMemo(() => readinessRows(catalogue, machines, readiness, pinned), [catalogue, machines, readiness, pinned]);
  const counts = useMemo(() => countStatuses(rows), [rows]);
  const visible = rows.filter((row) => pinned.has(row.check.id) || rowShown(row, shown));
  return (
    <div className="readiness" data-testid="readiness-page">
      <ReadinessToolbar />
      <MachineReadinessLines />
      <SeverityFilter shown={shown} counts={counts} onChange={setShown} />
      {catalogue.length === 0 ? (
        <p className="muted">Reading the list of checks from hlk-assist…</p>
      ) : visible.length === 0 ? (
        <p className="readiness__none" data-testid="readiness-none">
          {shown.size === 0 ? 'Tick a status above to see its checks.' : 'No check has the statuses ticked above.'}
        </p>
      ) : (
        <ChecksMatrix rows={visible} machines={machines} />
      )}
    </div>
  );
}
