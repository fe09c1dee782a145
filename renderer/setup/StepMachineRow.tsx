import type { ChecklistInfo, StepProgress } from '../../shared/checklists/types';
import { RelativeTime } from '../components/RelativeTime';
import { formatClock, formatDuration } from '../components/time-format';
import { useNow } from '../components/use-now';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { stepKey, type StepRun } from '../store/checklist-slice';
import { useApp } from '../store/use-app';
import { fixPlan } from './step-fix-plan';
import { stepStateLooks } from './step-states';
import { StepStateIcon } from './StepStateIcon';

type Step = ChecklistInfo['steps'][number];

function RunLine({ run, onDismiss, testId }: { run: StepRun; onDismiss(): void; testId: string }) {
  const now = useNow();
  if (run.status === 'running') {
    return (
      <div className="fix fix--running" role="status" data-testid={testId} data-status="running">
        {run.kind === 'fix' && <progress className="fix__progress" aria-label="Fixing" />}
        <p>
          {run.kind === 'fix' ? 'Fixing, then verifying again…' : 'Saving…'} <span className="muted">{formatDuration(now - run.startedAt)}</span>
        </p>
      </div>
    );
  }
  if (run.ok && run.kind !== 'fix') return null;
  return (
    <div className={run.ok ? 'fix fix--good' : 'fix fix--bad'} role={run.ok ? 'status' : 'alert'} data-testid={testId} data-status={run.ok ? 'ok' : 'failed'}>
      <p>
        <strong>{run.ok ? `✓ The fix ran at ${formatClock(new Date(run.finishedAt))}; verified again.` : `✕ ${run.kind === 'fix' ? 'The fix failed' : 'Not saved'}:`}</strong>{' '}
        {run.message}
      </p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        OK
      </button>
    </div>
  );
}

/** A step on one machine: its state and evidence, and what the operator can do about it (fix, or confirm by hand). */
export function StepMachineRow({ checklist, step, progress }: { checklist: string; step: Step; progress: StepProgress }) {
  const machine = progress.machine;
  const key = stepKey(checklist, step.id, machine);
  const run = useApp((s) => s.stepRuns[key]);
  const readiness = useApp((s) => s.readiness[machine]);
  const machines = useApp((s) => s.lab?.machines);
  const fixStep = useApp((s) => s.fixStep);
  const confirmStep = useApp((s) => s.confirmStep);
  const dismiss = useApp((s) => s.dismissStepRun);
  const look = stepStateLooks[progress.state];
  const busy = run?.status === 'running';
  const plan = step.fix && progress.canFix && progress.state !== 'done' ? fixPlan(step.fix, machine, readiness, machines ?? []) : null;
  const runsOn = plan?.ok ? machines?.find((m) => m.name === plan.runsOn) : undefined;
  const ids = `${checklist}-${step.id}-${machine}`;
  return (
    <li className={`step-machine step-machine--${progress.state}`} data-testid={`step-${ids}`} data-state={progress.state}>
      <span className="step-machine__name">{machine}</span>
      <span className={`step-machine__state tone-${look.tone}`}>
        <StepStateIcon state={progress.state} /> <strong>{look.label}</strong>
      </span>
      <p className="step-machine__evidence">
        {progress.evidence}
        {progress.at && (
          <span className="muted">
            {' '}
            · <RelativeTime iso={progress.at} phrasing="ago" />
          </span>
        )}
      </p>
      <div className="step-machine__buttons">
        {plan?.ok && progress.fixWaitsFor !== null && (
          <span className="hint" data-testid={`step-fix-waits-${ids}`}>
            Fix: {step.fix!.title}, once this is done first: <strong>{progress.fixWaitsFor}</strong>
          </span>
        )}
        {plan?.ok && progress.fixWaitsFor === null && (
          <ConfirmedActionButton
            small
            label={`Fix: ${step.fix!.title}`}
            labelDetail={`on ${machine}`}
            testId={`step-fix-${ids}`}
            disabled={busy}
            runsOn={runsOn}
            title={`${step.fix!.title} on ${plan.runsOn}?`}
            confirmLabel={`Run the fix on ${plan.runsOn}`}
            facts={[
              ['For the step', <><strong>{step.title}</strong> on <strong>{machine}</strong>: <span className={`tone-${look.tone}`}>{look.label.toLowerCase()}</span>, {progress.evidence}</>],
              ...(plan.runsOn !== machine ? [['Why there', 'HLK keeps this state on the controller'] as const] : []),
              ...(plan.reboot ? [['Reboot', plan.reboot] as const] : []),
              ['Afterwards', 'The step is verified again on the machines.'],
            ]}
            params={plan.params}
            operations={plan.operations}
            onRun={() => void fixStep(checklist, step.id, machine)}
          />
        )}
        {plan && !plan.ok && <span className="hint">No one-click fix: {plan.reason}</span>}
        {progress.needsConfirmation && progress.state !== 'manual-confirmed' && (
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void confirmStep(checklist, step.id, machine, true)} data-testid={`step-confirm-${ids}`}>
            I did this<span className="visually-hidden"> on {machine}</span>
          </button>
        )}
        {progress.needsConfirmation && progress.state === 'manual-confirmed' && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => void confirmStep(checklist, step.id, machine, false)} data-testid={`step-takeback-${ids}`}>
            Take back<span className="visually-hidden"> the confirmation on {machine}</span>
          </button>
        )}
      </div>
      {progress.needsConfirmation && progress.state !== 'manual-confirmed' && step.manual && (
        <p className="step-machine__confirmation">
          Press “I did this” when it is true: <q>{step.manual.confirmation}</q>
        </p>
      )}
      {run && <RunLine run={run} onDismiss={() => dismiss(checklist, step.id, machine)} testId={`step-run-${ids}`} />}
    </li>
  );
}
