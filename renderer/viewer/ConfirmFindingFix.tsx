import { useId, useState } from 'react';
import type { Finding } from '../../shared/knowledge/findings';
import type { MachineView } from '../../shared/lab';
import type { OperationInfo } from '../../shared/operations/views';
import type { KnownFailureFix } from '../../shared/knowledge/known-failure';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OperationTerms } from '../operations/OperationTerms';
import { ScriptView } from '../operations/ScriptView';

interface ConfirmFindingFixProps {
  finding: Finding;
  fix: KnownFailureFix;
  operation: OperationInfo;
  /** The lab's machines; the one the log came from is chosen at first when the lab has it. */
  machines: readonly MachineView[];
  logMachine: string | null;
  onConfirm(machine: string): void;
  onCancel(): void;
}

/** Before a known failure's fix: the machine it runs on, the parameters and the exact script. */
export function ConfirmFindingFix({ finding, fix, operation, machines, logMachine, onConfirm, onCancel }: ConfirmFindingFixProps) {
  const known = machines.some((m) => m.name === logMachine);
  const [chosen, setChosen] = useState(known ? logMachine! : '');
  const machine = machines.find((m) => m.name === chosen);
  const id = useId();
  return (
    <ConfirmDialog
      title={`${fix.title}${machine ? ` on ${machine.name}` : ''}?`}
      confirmLabel={machine ? `Run on ${machine.name}` : 'Pick the machine first'}
      confirmDisabled={!machine}
      confirmTestId="confirm-finding-fix"
      cancelTestId="confirm-finding-fix-cancel"
      onConfirm={() => machine && onConfirm(machine.name)}
      onCancel={onCancel}
    >
      <dl className="confirm__facts">
        <dt>For</dt>
        <dd>
          <strong>{finding.title}</strong>, found on line {finding.line} of this log
        </dd>
        <dt>{known ? 'Runs on' : <label htmlFor={id}>Runs on</label>}</dt>
        <dd>
          {known ? (
            <>
              <strong>{machine?.name}</strong>{' '}
              <span className="mono">
                {machine?.user}@{machine?.host}:{machine?.port}
              </span>{' '}
              <span className="muted">· the machine this log came from</span>
            </>
          ) : (
            <>
              <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="finding-fix-machine">
                <option value="">pick a machine</option>
                {machines.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </select>
              <p className="hint">
                {logMachine
                  ? `This log came from ${logMachine}, which is not in the open lab: pick the machine to run the fix on.`
                  : 'This log is not from a collection run, so hlk-assist does not know its machine: pick it.'}
              </p>
            </>
          )}
        </dd>
        <OperationTerms operation={operation} params={fix.params} />
      </dl>
      <ScriptView script={operation.script} title={operation.title} />
    </ConfirmDialog>
  );
}
