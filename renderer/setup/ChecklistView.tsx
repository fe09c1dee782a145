import type { StepProgress } from '../../shared/checklists/types';
import { ProgressBar } from '../components/ProgressBar';
import { useApp } from '../store/use-app';
import { checklistCounts, countsText, stepState, stepStateLooks } from './step-states';
import { stepAnchor, StepItem } from './StepItem';

/** Links shown in "Left to do"; the rest are counted. */
const LEFT_SHOWN = 4;

/** The steps not done yet, broken ones first, each a link to it: at 2 a.m. the operator goes straight to what is left. */
function LeftToDo({ checklist, steps }: { checklist: string; steps: Array<{ n: number; id: string; title: string; machines: StepProgress[] }> }) {
  const left = steps
    .flatMap((s) => {
      const state = stepState(s.machines);
      return state === 'broken' || state === 'pending' ? [{ ...s, state }] : [];
    })
    .sort((a, b) => stepStateLooks[a.state].rank - stepStateLooks[b.state].rank || a.n - b.n);
  if (left.length === 0) {
    return (
      <p className="checklist__left tone-good" data-testid="checklist-left">
        Every step is done or confirmed.
      </p>
    );
  }
  const more = left.length - LEFT_SHOWN;
  return (
    <p className="checklist__left" data-testid="checklist-left">
      Left to do:{' '}
      {left.slice(0, LEFT_SHOWN).map((s, i) => (
        <span key={s.id}>
          {i > 0 && ' · '}
          <a href={`#${stepAnchor(checklist, s.id)}`} className={`tone-${stepStateLooks[s.state].tone}`}>
            {s.n}. {s.title}
          </a>
          {s.state === 'broken' && <strong className="tone-bad"> (broken)</strong>}
        </span>
      ))}
      {more > 0 && <span className="muted"> · and {more} more below</span>}
    </p>
  );
}

/** One checklist: what it is for, how far it is, and its steps in order. */
export function ChecklistView() {
  const shown = useApp((s) => s.checklistShown);
  const info = useApp((s) => s.checklistCatalogue.find((c) => c.id === shown));
  const progress = useApp((s) => s.checklistProgress?.checklists.find((c) => c.id === shown));
  const verifying = useApp((s) => s.checklistVerify.doing);
  const verifyChecklist = useApp((s) => s.verifyChecklist);
  if (!info || !progress) return <p className="muted">There is no checklist {shown}.</p>;
  const counts = checklistCounts(progress);
  return (
    <section className="checklist" aria-labelledby="checklist-title" data-testid="checklist-view" data-checklist={info.id}>
      <header className="checklist__head">
        <h2 id="checklist-title" className="checklist__title">
          {info.title}
        </h2>
        <button
          type="button"
          className="button button--primary"
          disabled={verifying !== null}
          onClick={() => void verifyChecklist(info.id)}
          data-testid="checklist-verify"
        >
          {verifying === info.id ? 'Verifying on the machines…' : 'Verify now'}
        </button>
      </header>
      <ProgressBar
        value={counts.done}
        max={counts.total}
        done={counts.total > 0 && counts.done === counts.total}
        label={`${info.title}: steps done`}
        text={countsText(counts)}
        testId="checklist-progress"
      />
      {verifying === info.id && (
        <p className="tone-busy" role="status">
          Running the machines’ checks and every verification of this checklist…
        </p>
      )}
      <LeftToDo checklist={info.id} steps={info.steps.map((step, i) => ({ n: i + 1, id: step.id, title: step.title, machines: progress.steps.find((x) => x.id === step.id)?.machines ?? [] }))} />
      <p className="checklist__intro">{info.intro}</p>
      {info.tests.length > 0 && (
        <p className="checklist__tests">
          Prepares <span className="mono">{info.tests.join(', ')}</span>
        </p>
      )}
      {info.remedy && (
        <details className="checklist__remedy">
          <summary>If the test failed anyway</summary>
          <p>{info.remedy.text}</p>
        </details>
      )}
      <ol className="steps">
        {info.steps.map((step, i) => {
          const rows = progress.steps.find((s) => s.id === step.id)?.machines ?? [];
          return <StepItem key={step.id} checklist={info.id} n={i + 1} step={step} machines={rows} />;
        })}
      </ol>
    </section>
  );
}
