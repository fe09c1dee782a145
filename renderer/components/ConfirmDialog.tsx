import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  confirmTestId: string;
  cancelTestId: string;
}

/**
 * A modal question before something that cannot be taken back. Cancel has the focus, so Enter at
 * 2 a.m. does not run anything; Escape cancels.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, confirmTestId, cancelTestId }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useLayoutEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__buttons">
        <button type="button" className="button" autoFocus onClick={onCancel} data-testid={cancelTestId}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
