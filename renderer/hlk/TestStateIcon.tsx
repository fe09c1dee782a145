import type { ReactNode } from 'react';
import type { HlkTestState } from '../../shared/api';

/** A distinct shape per test state, so it reads without colour. Decorative: the word beside it says it. */
export function TestStateIcon({ state }: { state: HlkTestState }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[state]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const onFill = { fill: 'none', stroke: 'var(--surface)', strokeWidth: 1.9, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const shapes: Record<HlkTestState, ReactNode> = {
  passed: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" {...onFill} />
    </>
  ),
  failed: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2" {...onFill} />
    </>
  ),
  // an open ring that turns (still when the operator prefers less motion)
  running: <path className="state-icon__spin" d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" {...stroke} />,
  // a clock: waiting its turn
  queued: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M8 4.5V8l2.4 1.6" {...stroke} />
    </>
  ),
  // a ring crossed out
  cancelled: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M3.6 12.4l8.8-8.8" {...stroke} />
    </>
  ),
  // a ring with a dash
  'not run': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8h6" {...stroke} />
    </>
  ),
};
