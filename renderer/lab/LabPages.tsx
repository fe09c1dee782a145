import { useShallow } from 'zustand/react/shallow';
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
  const tabs: Array<{ page: LabPage; label: string; note: string | null; tone: string | null }> = [
    { page: 'machines', label: 'Machines', note: null, tone: null },
    {
      page: 'readiness',
      label: 'Readiness',
      note: readiness.checked === 0 ? 'not checked yet' : `${readiness.ready} of ${readiness.total} ready`,
      tone: readiness.checked === 0 ? null : readiness.ready === readiness.total ? 'good' : 'bad',
    },
    { page: 'logs', label: 'Logs', note: collecting ? 'collecting…' : null, tone: collecting ? 'busy' : null },
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
