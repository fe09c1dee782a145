import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  confirmTestId: string;
  cancelTestId: string;
  /** Something the operator must settle first (the body says what). */
  confirmDisabled?: boolean;
}

/**
 * A modal question before something that cannot be taken back. Cancel has the focus, so Enter at
 * 2 a.m. does not run anything; Escape cancels.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, confirmTestId, cancelTestId, confirmDisabled = false }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useLayoutEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    // showModal focuses the first focusable element, which may be a Copy button in the body.
    cancelRef.current?.focus();
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
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} data-testid={cancelTestId}>
          Cancel
        </button>
        <button type="button" className="button button--danger" disabled={confirmDisabled} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
