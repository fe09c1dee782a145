import type { ReactNode } from 'react';
import type { CheckStatus } from '../../shared/api';

/** What a status icon stands for: a check's status, not run yet, or running now. */
export type IconStatus = CheckStatus | 'not-checked' | 'checking';

/** A distinct shape per status, so it reads without colour. Decorative: the word beside it says it. */
export function StatusIcon({ status }: { status: IconStatus }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[status]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const onFill = { fill: 'none', stroke: 'var(--surface)', strokeWidth: 1.9, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const shapes: Record<IconStatus, ReactNode> = {
  // a filled disc with a cross
  fail: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2" {...onFill} />
    </>
  ),
  // a dashed ring with a question mark: could not be checked
  unknown: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} strokeDasharray="2.6 1.8" />
      <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.4" {...stroke} strokeWidth={1.5} />
      <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
    </>
  ),
  // a triangle with an exclamation mark
  warn: (
    <>
      <path d="M8 1.4L15 14.2H1z" fill="currentColor" />
      <path d="M8 5.6v4.2" stroke="var(--surface)" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="12" r="1" fill="var(--surface)" />
    </>
  ),
  // a filled disc with a tick
  pass: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" {...onFill} />
    </>
  ),
  // a ring with a dash
  'not-checked': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8h6" {...stroke} />
    </>
  ),
  // an open ring that turns (still when the operator prefers less motion)
  checking: <path className="state-icon__spin" d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" {...stroke} />,
};
