import { useShallow } from 'zustand/react/shallow';
import { EventsList } from '../events/EventsList';
import { useApp } from '../store/use-app';
import { inLabOrder } from './attention';
import { LabSummaryLine } from './LabSummaryLine';
import { MachineCard } from './MachineCard';

/** The open lab: one line of summary, every machine, and what happened. */
export function LabView() {
  const { name, source, path } = useApp(
    useShallow((s) => ({ name: s.lab?.name ?? '', source: s.lab?.source, path: s.lab?.path ?? null })),
  );
  // Names only: each card follows its own machine, so this list re-renders only when the lab changes.
  const names = useApp(useShallow((s) => inLabOrder(s.lab?.machines ?? []).map((m) => m.name)));
  return (
    <main className="lab">
      <header className="lab__head">
        <h1 className="lab__name">{name}</h1>
        <span className="lab__source muted">
          {source === 'practice' ? 'simulated machines on this computer' : <span className="mono">{path}</span>}
        </span>
        <LabSummaryLine />
      </header>
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
    </main>
  );
}
