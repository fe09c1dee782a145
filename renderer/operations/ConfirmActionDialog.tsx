import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MachineView } from '../../shared/lab';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useApp } from '../store/use-app';
import { ScriptView } from './ScriptView';

interface ConfirmActionDialogProps {
  title: string;
  confirmLabel: string;
  /** The machine the scripts run on. */
  runsOn: MachineView;
  /** What the action does and why, what happens afterwards: rows of the facts list. */
  facts: ReadonlyArray<readonly [string, ReactNode]>;
  /** The parameters, when the UI knows them exactly (hlk-assist fills in the rest from the lab file). */
  params?: Record<string, unknown> | null;
  /** The operations it changes the machine with, in order. */
  operations: readonly string[];
  onConfirm(): void;
  onCancel(): void;
}

/** Before a one-click action that changes a machine: where it runs, what it does, and the exact script of every operation it runs. */
export function ConfirmActionDialog({ title, confirmLabel, runsOn, facts, params, operations, onConfirm, onCancel }: ConfirmActionDialogProps) {
  const infos = useApp(useShallow((s) => operations.map((name) => s.operations.find((o) => o.name === name) ?? null)));
  const missing = operations.filter((_, i) => infos[i] === null);
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      confirmTestId="confirm-action"
      cancelTestId="confirm-action-cancel"
      confirmDisabled={missing.length > 0}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <dl className="confirm__facts" data-testid="confirm-action-facts">
        <dt>Runs on</dt>
        <dd>
          <strong>{runsOn.name}</strong>{' '}
          <span className="mono">
            {runsOn.user}@{runsOn.host}:{runsOn.port}
          </span>
          {runsOn.facts && <span className="muted"> · {runsOn.facts.computerName}</span>}
        </dd>
        {facts.map(([term, detail]) => (
          <div key={term} className="confirm__fact">
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
        {params && (
          <>
            <dt>Parameters</dt>
            <dd>
              <pre className="mono selectable confirm__params">{JSON.stringify(params, null, 2)}</pre>
            </dd>
          </>
        )}
        <dt>{operations.length === 1 ? 'Operation' : 'Operations, in order'}</dt>
        <dd>
          {infos.map((op, i) => (
            <span key={operations[i]} className="confirm__op">
              {i > 0 && ', then '}
              {op ? op.title : operations[i]} <span className="mono muted">{operations[i]}</span>
            </span>
          ))}
        </dd>
      </dl>
      {missing.length > 0 && (
        <p className="notice notice--warn" role="status">
          Waiting for the scripts of {missing.join(', ')} from hlk-assist: nothing runs before you can read them.
        </p>
      )}
      {infos.map((op) => op && <ScriptView key={op.name} script={op.script} title={op.title} />)}
    </ConfirmDialog>
  );
}
