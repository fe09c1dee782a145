import { ProgressBar } from '../components/ProgressBar';
import { useApp } from '../store/use-app';
import { checklistCounts, countsText, countsTone } from './step-states';

/** Every checklist with how far it is, setting up first, then what each test needs. */
export function ChecklistList() {
  const progress = useApp((s) => s.checklistProgress);
  const shown = useApp((s) => s.checklistShown);
  const showChecklist = useApp((s) => s.showChecklist);
  if (!progress) return null;
  const groups = [
    { title: 'Setting up', kind: 'setup' },
    { title: 'Before a test', kind: 'test' },
  ] as const;
  return (
    <nav className="setup__lists" aria-label="Checklists">
      {groups.map((g) => (
        <section key={g.kind} className="setup__group">
          <h2 className="setup__group-title">{g.title}</h2>
          <ul className="checklists">
            {progress.checklists
              .filter((c) => c.kind === g.kind)
              .map((c) => {
                const counts = checklistCounts(c);
                const text = countsText(counts);
                return (
                  <li key={c.id}>
                    <button
                      type="button"
                      className={`checklist-item tone-edge-${countsTone(counts)}`}
                      aria-current={shown === c.id ? 'true' : undefined}
                      onClick={() => showChecklist(c.id)}
                      data-testid={`checklist-${c.id}`}
                    >
                      <span className="checklist-item__title">{c.title}</span>
                      <ProgressBar value={counts.done} max={counts.total} done={counts.total > 0 && counts.done === counts.total} label={c.title} text={text} />
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
