import type { MachineView } from '../../shared/lab';
import type { OperationInfo } from '../../shared/operations/views';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ScriptView } from './ScriptView';

interface ConfirmRunDialogProps {
  machine: MachineView;
  operation: OperationInfo;
  params: Record<string, unknown>;
  onConfirm(): void;
  onCancel(): void;
}

/** Before an operation that changes a machine: which machine, what it does, and the exact script. */
export function ConfirmRunDialog({ machine, operation, params, onConfirm, onCancel }: ConfirmRunDialogProps) {
  return (
    <ConfirmDialog
      title={`${operation.title} on ${machine.name}?`}
      confirmLabel={`Run on ${machine.name}`}
      confirmTestId="confirm-run"
      cancelTestId="confirm-cancel"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <dl className="confirm__facts">
        <dt>Machine</dt>
        <dd>
          <strong>{machine.name}</strong>{' '}
          <span className="mono">
            {machine.user}@{machine.host}:{machine.port}
          </span>
          {machine.facts && <span className="muted"> · {machine.facts.computerName}</span>}
        </dd>
        <dt>What it does</dt>
        <dd>{operation.description}</dd>
        <dt>Parameters</dt>
        <dd>
          <code className="mono">{JSON.stringify(params)}</code>
        </dd>
      </dl>
      <ScriptView script={operation.script} title={operation.title} />
    </ConfirmDialog>
  );
}
