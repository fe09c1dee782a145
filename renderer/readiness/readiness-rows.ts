import type { CheckInfo, CheckResult, CheckStatus, MachineReadiness } from '../../shared/readiness/results';
import type { MachineRole } from '../../shared/lab';
import { checkStatuses, statusLooks } from './check-status';

/** One machine's place in a check's row: the check does not apply to its role, has not run yet, or its result. */
export type ReadinessCell = { machine: string; applies: false } | { machine: string; applies: true; result: CheckResult | null };

export interface ReadinessRow {
  check: CheckInfo;
  cells: ReadinessCell[];
  /** The worst status on any machine; null when it has not run anywhere yet. */
  worst: CheckStatus | null;
  /** How many machines have the worst status. */
  worstCount: number;
}

/**
 * The dashboard's rows: every check that applies to a machine of the lab, one cell per machine, the
 * worst problems first (failing before unknown before warnings, then by how many machines have it),
 * the catalogue's order otherwise. `pinned` checks (a fix the operator has not read the outcome of yet)
 * come first, so a fixed check does not move away under the operator's eyes.
 */
export function readinessRows(
  catalogue: readonly CheckInfo[],
  machines: ReadonlyArray<{ name: string; role: MachineRole }>,
  readiness: Readonly<Record<string, MachineReadiness>>,
  pinned: ReadonlySet<string> = new Set(),
): ReadinessRow[] {
  const rows: ReadinessRow[] = [];
  for (const check of catalogue) {
    if (!machines.some((m) => check.roles.includes(m.role))) continue;
    const cells = machines.map((m): ReadinessCell => {
      if (!check.roles.includes(m.role)) return { machine: m.name, applies: false };
      return { machine: m.name, applies: true, result: readiness[m.name]?.checks.find((c) => c.check === check.id) ?? null };
    });
    const statuses = cells.flatMap((c) => (c.applies && c.result ? [c.result.status] : []));
    const worst = statuses.length === 0 ? null : statuses.reduce((a, b) => (statusLooks[b].rank < statusLooks[a].rank ? b : a));
    rows.push({ check, cells, worst, worstCount: statuses.filter((s) => s === worst).length });
  }
  const rank = (r: ReadinessRow) =>
    pinned.has(r.check.id) ? -1 : r.worst === null ? checkStatuses.length : statusLooks[r.worst].rank;
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => rank(a.row) - rank(b.row) || b.row.worstCount - a.row.worstCount || a.order - b.order)
    .map(({ row }) => row);
}

/** How many results of each status the rows hold, over every machine. */
export function countStatuses(rows: readonly ReadinessRow[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { fail: 0, unknown: 0, warn: 0, pass: 0 };
  for (const row of rows) for (const cell of row.cells) if (cell.applies && cell.result) counts[cell.result.status]++;
  return counts;
}

/** A row is shown when any machine has a status the operator chose, or when it has not run yet (so nothing hides silently). */
export function rowShown(row: ReadinessRow, shown: ReadonlySet<CheckStatus>): boolean {
  if (row.worst === null) return true;
  return row.cells.some((c) => c.applies && c.result !== null && shown.has(c.result.status));
}

/** Counts for a machine's one line: "3 failing, 1 unknown, 2 warnings". */
export function machineCounts(readiness: MachineReadiness): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { fail: 0, unknown: 0, warn: 0, pass: 0 };
  for (const c of readiness.checks) counts[c.status]++;
  return counts;
}
