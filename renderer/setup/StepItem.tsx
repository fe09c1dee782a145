import type { ChecklistInfo, StepProgress } from '../../shared/checklists/types';
import { useApp } from '../store/use-app';
import { StepMachineRow } from './StepMachineRow';
import { stepState, stepStateLooks } from './step-states';
import { StepStateIcon } from './StepStateIcon';

type Step = ChecklistInfo['steps'][number];

/** The id a link to a step jumps to. */
export function stepAnchor(checklist: string, step: string): string {
  return `step-${checklist}--${step}`;
}

/** How a step is known to be done, in the operator's words. */
function howVerified(step: Step, checkTitle: string | null): string {
  const v = step.verification;
  if (!v) return step.manual ? 'Only you can do this: confirm it on each machine.' : 'Not verified by hlk-assist.';
  if (v.kind === 'check') return `Verified by the readiness check “${checkTitle ?? v.check}”.`;
  if (v.kind === 'reading') return `Verified by reading ${v.describe}.`;
  return `Verified by ${v.describe}.`;
}

/** One step: its state over its machines, what to do and why, how it is verified, and each machine's state with its fix or confirmation. */
export function StepItem({ checklist, n, step, machines }: { checklist: string; n: number; step: Step; machines: readonly StepProgress[] }) {
  const checkId = step.verification?.kind === 'check' ? step.verification.check : null;
  const checkTitle = useApp((s) => (checkId ? (s.checkCatalogue.find((c) => c.id === checkId)?.title ?? null) : null));
  const state = stepState(machines);
  const look = state ? stepStateLooks[state] : null;
  return (
    <li id={stepAnchor(checklist, step.id)} className={`step tone-edge-${look?.tone ?? 'off'}`} data-testid={`step-${checklist}-${step.id}`} data-state={state ?? 'not-applicable'}>
      <div className="step__head">
        <span className="step__n">{n}</span>
        {state && look ? (
          <span className={`step__state tone-${look.tone}`}>
            <StepStateIcon state={state} /> {look.label}
          </span>
        ) : (
          <span className="step__state muted">Applies to no machine here</span>
        )}
        <h3 className="step__title">{step.title}</h3>
      </div>
      <p className="step__what">{step.what}</p>
      <p className="step__how muted">{howVerified(step, checkTitle)}</p>
      {machines.length > 0 && (
        <ul className="step__machines" aria-label={`${step.title}: each machine`}>
          {machines.map((m) => (
            <StepMachineRow key={m.machine} checklist={checklist} step={step} progress={m} />
          ))}
        </ul>
      )}
    </li>
  );
}
