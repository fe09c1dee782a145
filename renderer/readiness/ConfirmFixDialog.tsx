import type { CheckInfo, CheckResult, FixProposal } from '../../shared/readiness/results';
import type { MachineView } from '../../shared/lab';
import type { OperationInfo } from '../../shared/operations/views';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OperationTerms } from '../operations/OperationTerms';
import { ScriptView } from '../operations/ScriptView';
import { statusLooks } from './check-status';

interface ConfirmFixDialogProps {
  check: CheckInfo;
  result: CheckResult;
  fix: FixProposal;
  /** The machine the check is about. */
  machine: string;
  /** The machine the fix runs on: the machine itself, or the controller for HLK's own state. */
  runsOn: MachineView;
  operation: OperationInfo;
  onConfirm(): void;
  onCancel(): void;
}

function rebootWords(fix: FixProposal, runsOn: string): string {
  if (fix.rebootsMachine) return `Reboots ${runsOn} and waits for it to come back. Runtime state such as tapdiag settings is lost.`;
  if (fix.needsReboot) return `Takes effect only after ${runsOn} reboots; the check says so until then. It does not reboot by itself.`;
  return 'No reboot needed, none caused.';
}

/** Before a readiness fix: what it fixes, where it runs, with which parameters, whether it reboots, and the exact script. */
export function ConfirmFixDialog({ check, result, fix, machine, runsOn, operation, onConfirm, onCancel }: ConfirmFixDialogProps) {
  const look = statusLooks[result.status];
  return (
    <ConfirmDialog
      title={`${fix.title} on ${runsOn.name}?`}
      confirmLabel={`Run the fix on ${runsOn.name}`}
      confirmTestId="confirm-fix"
      cancelTestId="confirm-fix-cancel"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <dl className="confirm__facts" data-testid="confirm-fix-facts">
        <dt>Fixes</dt>
        <dd>
          <strong>{check.title}</strong> on <strong>{machine}</strong>:{' '}
          <span className={`tone-${look.tone}`}>{look.label.toLowerCase()}</span>, {result.evidence}
        </dd>
        <dt>Runs on</dt>
        <dd>
          <strong>{runsOn.name}</strong>{' '}
          <span className="mono">
            {runsOn.user}@{runsOn.host}:{runsOn.port}
          </span>
          {runsOn.facts && <span className="muted"> · {runsOn.facts.computerName}</span>}
          {runsOn.name !== machine && <span className="muted"> · HLK keeps this state on the controller</span>}
        </dd>
        <OperationTerms operation={operation} params={fix.params} />
        <dt>Reboot</dt>
        <dd className={fix.rebootsMachine || fix.needsReboot ? 'flag flag--warn' : undefined}>{rebootWords(fix, runsOn.name)}</dd>
        <dt>Afterwards</dt>
        <dd>The checks of {machine} run again by themselves.</dd>
      </dl>
      <ScriptView script={operation.script} title={operation.title} />
    </ConfirmDialog>
  );
}
