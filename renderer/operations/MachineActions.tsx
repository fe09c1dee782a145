import { useId, useMemo, useState } from 'react';
import type { MachineView } from '../../shared/lab';
import type { OperationInfo } from '../../shared/operations/views';
import { operationFitsRole } from '../../shared/operations/roles';
import { useApp } from '../store/use-app';
import { ConfirmRunDialog } from './ConfirmRunDialog';
import { parseParams } from './parse-params';
import { RunOutcome } from './RunOutcome';
import { ScriptView } from './ScriptView';

function byArea(operations: readonly OperationInfo[]): Array<[string, OperationInfo[]]> {
  const areas = new Map<string, OperationInfo[]>();
  for (const op of operations) areas.set(op.area, [...(areas.get(op.area) ?? []), op]);
  return [...areas];
}

/** Pick an operation, give its parameters, read its script, run it on this machine. */
export function MachineActions({ machine }: { machine: MachineView }) {
  const all = useApp((s) => s.operations);
  // Only what can run on this machine's role: HLK's operations on the controller, tapdiag on clients and support.
  const operations = useMemo(() => all.filter((o) => operationFitsRole(o.area, machine.role)), [all, machine.role]);
  const run = useApp((s) => s.runs[machine.name]);
  const runOperation = useApp((s) => s.runOperation);
  const [selected, setSelected] = useState<string | null>(null);
  const [paramsText, setParamsText] = useState('{}');
  const [paramsError, setParamsError] = useState<string | null>(null);
  const [showScript, setShowScript] = useState(false);
  const [confirming, setConfirming] = useState<Record<string, unknown> | null>(null);
  const groups = useMemo(() => byArea(operations), [operations]);
  const id = useId();
  const m = machine.name;

  const operation = operations.find((o) => o.name === selected) ?? operations[0];
  if (!operation) {
    return <p className="actions muted">No operations listed by hlk-assist yet.</p>;
  }
  const running = run?.status === 'running';
  const connected = machine.state === 'connected';

  const start = () => {
    const parsed = parseParams(paramsText);
    if (!parsed.ok) {
      setParamsError(parsed.message);
      return;
    }
    setParamsError(null);
    if (operation.changesMachine) setConfirming(parsed.params);
    else void runOperation(m, operation.name, parsed.params);
  };

  return (
    <section className="actions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="actions__title">
        Actions
      </h3>
      <div className="actions__row">
        <label htmlFor={`${id}-op`} className="visually-hidden">
          Operation to run on {m}
        </label>
        <select
          id={`${id}-op`}
          value={operation.name}
          onChange={(e) => {
            setSelected(e.target.value);
            setParamsText('{}');
            setParamsError(null);
          }}
          data-testid={`op-select-${m}`}
        >
          {groups.map(([area, ops]) => (
            <optgroup key={area} label={area}>
              {ops.map((op) => (
                <option key={op.name} value={op.name}>
                  {op.title}
                  {op.changesMachine ? ' (changes the machine)' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button
          type="button"
          className={operation.changesMachine ? 'button button--danger' : 'button button--primary'}
          disabled={running || !connected}
          onClick={start}
          data-testid={`op-run-${m}`}
        >
          {operation.changesMachine ? 'Run…' : 'Run'}
          <span className="visually-hidden"> on {m}</span>
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={showScript}
          aria-controls={`${id}-script`}
          onClick={() => setShowScript((v) => !v)}
          data-testid={`op-script-${m}`}
        >
          {showScript ? 'Hide script' : 'Show script'}
        </button>
      </div>
      <p className="actions__about">
        <span className="mono muted">{operation.name}</span> {operation.description}
        {operation.changesMachine && <span className="badge badge--warn">changes the machine</span>}
      </p>
      {!connected && <p className="hint">{m} is not connected: connect it to run operations.</p>}
      <div className="actions__params">
        <label htmlFor={`${id}-params`}>Parameters (JSON)</label>
        <textarea
          id={`${id}-params`}
          className="mono"
          rows={1}
          spellCheck={false}
          value={paramsText}
          aria-invalid={paramsError !== null}
          aria-describedby={paramsError ? `${id}-params-error` : undefined}
          onChange={(e) => {
            setParamsText(e.target.value);
            setParamsError(null);
          }}
          data-testid={`op-params-${m}`}
        />
        {paramsError && (
          <p id={`${id}-params-error`} className="field-error" role="alert">
            {paramsError}
          </p>
        )}
      </div>
      {showScript && (
        <ScriptView script={operation.script} title={operation.title} id={`${id}-script`} testId={`op-script-text-${m}`} />
      )}
      {run && (
        <RunOutcome run={run} operation={operations.find((o) => o.name === run.operation)} testId={`op-result-${m}`} />
      )}
      {confirming && (
        <ConfirmRunDialog
          machine={machine}
          operation={operation}
          params={confirming}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void runOperation(m, operation.name, confirming);
          }}
        />
      )}
    </section>
  );
}
