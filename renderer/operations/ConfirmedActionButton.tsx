import { useState, type ReactNode } from 'react';
import type { MachineView } from '../../shared/lab';
import { ConfirmActionDialog } from './ConfirmActionDialog';

interface ConfirmedActionButtonProps {
  /** The button's words; "…" is added: it asks first. */
  label: ReactNode;
  /** Said to screen readers after the label: which machine, which test. */
  labelDetail?: string;
  testId: string;
  disabled?: boolean;
  small?: boolean;
  /** The machine the scripts run on (the button is disabled until it is known). */
  runsOn: MachineView | undefined;
  title: string;
  confirmLabel: string;
  facts: ReadonlyArray<readonly [string, ReactNode]>;
  params?: Record<string, unknown> | null;
  operations: readonly string[];
  onRun(): void;
}

/** A button for an action that changes a machine: it runs only after the confirmation with the exact scripts. */
export function ConfirmedActionButton({ label, labelDetail, testId, disabled = false, small = false, runsOn, title, confirmLabel, facts, params, operations, onRun }: ConfirmedActionButtonProps) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className={small ? 'button button--small button--danger' : 'button button--danger'}
        disabled={disabled || !runsOn}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {label}…{labelDetail && <span className="visually-hidden"> {labelDetail}</span>}
      </button>
      {asking && runsOn && (
        <ConfirmActionDialog
          title={title}
          confirmLabel={confirmLabel}
          runsOn={runsOn}
          facts={facts}
          params={params ?? null}
          operations={operations}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onRun();
          }}
        />
      )}
    </>
  );
}
