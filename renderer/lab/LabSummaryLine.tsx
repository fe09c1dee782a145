import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/use-app';
import { summarizeLab } from './attention';
import { machineAnchor } from './machine-anchor';
import { passAttention } from './pass-attention';
import { etaText } from '../hlk/pass-words';

/** One line: how many machines are connected, and what needs attention, worst first. */
export function LabSummaryLine() {
  const machines = useApp((s) => s.lab?.machines);
  const summary = useMemo(() => summarizeLab(machines ?? []), [machines]);
  const pass = useApp(
    useShallow((s) => ({ readiness: s.readiness, checklists: s.checklistProgress, tapdiag: s.tapdiag, linkcheck: s.linkcheck, tests: s.hlk?.tests ?? null })),
  );
  const names = useMemo(() => (machines ?? []).map((m) => m.name), [machines]);
  const notes = useMemo(() => passAttention({ machines: names, ...pass }), [names, pass]);
  const showPage = useApp((s) => s.showPage);
  const tests = useApp((s) => s.hlk?.tests ?? null);
  const allConnected = summary.connected === summary.total;
  return (
    <p className="summary" data-testid="lab-summary" aria-live="polite">
      <strong className={allConnected ? 'tone-good' : undefined}>
        {summary.connected} of {summary.total} machines connected
      </strong>
      {summary.connecting > 0 && <span className="tone-busy">, {summary.connecting} connecting</span>}
      {tests && tests.progress.total > 0 && (
        <span data-testid="summary-pass">
          {' · '}
          <button type="button" className="summary__page" onClick={() => showPage('hlk')}>
            pass: {tests.progress.done} of {tests.progress.total} done, ends {etaText(tests)}
          </button>
        </span>
      )}
      {summary.attention.length === 0 && notes.length === 0 ? (
        <span className="summary__calm"> · nothing needs attention</span>
      ) : (
        <>
          <span> · needs attention: </span>
          {notes.map((n, i) => (
            <span key={n.key} className={`summary__item tone-${n.tone}`} data-testid={`attention-${n.key}`}>
              {i > 0 && ', '}
              <button type="button" className="summary__page" onClick={() => showPage(n.page)}>
                {n.text}
              </button>
            </span>
          ))}
          {summary.attention.map((a, i) => (
            <span key={`${a.machine}-${a.kind}`} className={`summary__item tone-${a.tone}`}>
              {(i > 0 || notes.length > 0) && ', '}
              <a href={`#${machineAnchor(a.machine)}`}>{a.machine}</a> {a.text}
            </span>
          ))}
        </>
      )}
    </p>
  );
}
