import { useShallow } from 'zustand/react/shallow';
import { checklistCounts, type ChecklistCounts } from '../setup/step-states';
import type { LabPage } from '../store/navigation-slice';
import { useApp } from '../store/use-app';

/** The lab's pages, each with the one fact that says whether to look at it. */
export function LabPages() {
  const page = useApp((s) => s.page);
  const showPage = useApp((s) => s.showPage);
  const readiness = useApp(
    useShallow((s) => {
      const machines = s.lab?.machines ?? [];
      const known = machines.map((m) => s.readiness[m.name]).filter((r) => r !== undefined && r.ready !== null);
      return { total: machines.length, checked: known.length, ready: known.filter((r) => r?.ready === true).length };
    }),
  );
  const collecting = useApp((s) => Object.values(s.collections).some((c) => c.state === 'running'));
  const setup = useApp(
    useShallow((s) => {
      const counts = (s.checklistProgress?.checklists ?? []).filter((c) => c.kind === 'setup').map(checklistCounts);
      return { known: s.checklistProgress !== null, done: sum(counts, 'done'), total: sum(counts, 'total'), broken: sum(counts, 'broken') };
    }),
  );
  const hlk = useApp(useShallow((s) => ({ inUse: s.hlk?.studioInUse ?? false, failed: s.hlk?.tests?.counts.failed ?? 0, running: s.hlk?.tests?.counts.running ?? 0 })));
  const signingProblems = useApp((s) =>
    s.signing && s.signing.reports.length > 0 ? s.signing.reports.reduce((n, r) => n + (r.report ? r.findings.filter((f) => f.severity === 'fail').length : 1), 0) : null,
  );
  const tapdiagLost = useApp(useShallow((s) => (s.tapdiag?.machines ?? []).filter((m) => m.lost).map((m) => m.machine)));
  const tabs: Array<{ page: LabPage; label: string; note: string | null; tone: string | null }> = [
    { page: 'machines', label: 'Machines', note: null, tone: null },
    {
      page: 'readiness',
      label: 'Readiness',
      note: readiness.checked === 0 ? 'not checked yet' : `${readiness.ready} of ${readiness.total} ready`,
      tone: readiness.checked === 0 ? null : readiness.ready === readiness.total ? 'good' : 'bad',
    },
    {
      page: 'setup',
      label: 'Setup',
      note: !setup.known ? null : setup.broken > 0 ? `${setup.broken} broken` : `${setup.done} of ${setup.total} steps done`,
      tone: !setup.known ? null : setup.broken > 0 ? 'bad' : setup.done === setup.total ? 'good' : null,
    },
    {
      page: 'hlk',
      label: 'HLK Studio',
      note: hlk.inUse ? 'Studio is open' : hlk.failed > 0 ? `${hlk.failed} failed` : hlk.running > 0 ? `${hlk.running} running` : null,
      tone: hlk.inUse ? 'warn' : hlk.failed > 0 ? 'bad' : hlk.running > 0 ? 'busy' : null,
    },
    {
      page: 'signing',
      label: 'Signing',
      note: signingProblems === null ? null : signingProblems > 0 ? `${signingProblems} problem${signingProblems === 1 ? '' : 's'}` : 'no problems',
      tone: signingProblems === null ? null : signingProblems > 0 ? 'bad' : 'good',
    },
    { page: 'tapdiag', label: 'tapdiag', note: tapdiagLost.length > 0 ? `lost on ${tapdiagLost.join(', ')}` : null, tone: tapdiagLost.length > 0 ? 'warn' : null },
    { page: 'logs', label: 'Logs', note: collecting ? 'collecting…' : null, tone: collecting ? 'busy' : null },
    { page: 'journal', label: 'Journal', note: null, tone: null },
  ];
  return (
    <nav className="pages" aria-label="Lab pages">
      {tabs.map((t) => (
        <button
          key={t.page}
          type="button"
          className="pages__tab"
          aria-current={page === t.page ? 'page' : undefined}
          onClick={() => showPage(t.page)}
          data-testid={`page-${t.page}`}
        >
          {t.label}
          {t.note && <span className={t.tone ? `pages__note tone-${t.tone}` : 'pages__note muted'}> · {t.note}</span>}
        </button>
      ))}
    </nav>
  );
}

function sum(counts: readonly ChecklistCounts[], key: keyof ChecklistCounts): number {
  return counts.reduce((n, c) => n + c[key], 0);
}
