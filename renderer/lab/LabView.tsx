import { useShallow } from 'zustand/react/shallow';
import { EventsList } from '../events/EventsList';
import { HlkPage } from '../hlk/HlkPage';
import { JournalPage } from '../journal/JournalPage';
import { LogsPage } from '../logs/LogsPage';
import { ReadinessPage } from '../readiness/ReadinessPage';
import { SetupPage } from '../setup/SetupPage';
import { useApp } from '../store/use-app';
import { TapdiagPage } from '../tapdiag/TapdiagPage';
import { SigningPage } from '../signing/SigningPage';
import { inLabOrder } from './attention';
import { LabPages } from './LabPages';
import { LabSummaryLine } from './LabSummaryLine';
import { MachineCard } from './MachineCard';

/** The open lab: one line of summary, its pages (machines, readiness, setup, HLK Studio, tapdiag, logs, journal), and what happened. */
export function LabView() {
  const { name, source, path } = useApp(
    useShallow((s) => ({ name: s.lab?.name ?? '', source: s.lab?.source, path: s.lab?.path ?? null })),
  );
  const page = useApp((s) => s.page);
  const setChoosingLab = useApp((s) => s.setChoosingLab);
  // Names only: each card follows its own machine, so this list re-renders only when the lab changes.
  const names = useApp(useShallow((s) => inLabOrder(s.lab?.machines ?? []).map((m) => m.name)));
  return (
    <main className="lab">
      <header className="lab__head">
        <h1 className="lab__name">{name}</h1>
        <span className="lab__source muted">
          {source === 'practice' ? 'simulated machines on this computer' : <span className="mono">{path}</span>}
        </span>
        <button type="button" className="button button--small lab__switch" onClick={() => setChoosingLab(true)} data-testid="open-another-lab">
          Open another lab…
        </button>
        <LabSummaryLine />
        <LabPages />
      </header>
      {page === 'machines' && (
        <div className="lab__body">
          <div className="machines">
            {names.map((n) => (
              <MachineCard key={n} name={n} />
            ))}
          </div>
          <aside className="lab__events" aria-label="Events">
            <EventsList />
          </aside>
        </div>
      )}
      {page === 'readiness' && <ReadinessPage />}
      {page === 'setup' && <SetupPage />}
      {page === 'hlk' && <HlkPage />}
      {page === 'signing' && <SigningPage />}
      {page === 'tapdiag' && <TapdiagPage />}
      {page === 'logs' && <LogsPage />}
      {page === 'journal' && <JournalPage />}
    </main>
  );
}
