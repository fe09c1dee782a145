import type { ReactNode } from 'react';
import type { StepState } from '../../shared/api';

/** A distinct shape per step state, so it reads without colour. Decorative: the word beside it says it. */
export function StepStateIcon({ state }: { state: StepState }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[state]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const onFill = { fill: 'none', stroke: 'var(--surface)', strokeWidth: 1.9, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const shapes: Record<StepState, ReactNode> = {
  // a filled disc with a tick: verified on the machine
  done: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" {...onFill} />
    </>
  ),
  // an open ring with a tick: a person said so
  'manual-confirmed': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8.3l2 2 4-4.3" {...stroke} />
    </>
  ),
  // a filled disc with a cross: it was done and fails now
  broken: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2" {...onFill} />
    </>
  ),
  // a ring with a dash: not done yet
  pending: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8h6" {...stroke} />
    </>
  ),
};
