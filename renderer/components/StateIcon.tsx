import type { ReactNode } from 'react';

/**
 * The shapes every state icon is drawn from. One shape means the same thing on every page (a filled disc
 * with a tick is "good", a dashed ring with a question mark "could not tell"), so a state reads without
 * colour. Icons are decorative: the word beside each one says it.
 */
export type StateShape =
  | 'tick-disc' // verified good
  | 'tick-ring' // good because a person said so
  | 'cross-disc' // bad
  | 'warn-triangle' // a risk, not a failure
  | 'question-ring' // could not be told
  | 'dash-ring' // not done or not run yet
  | 'clock-ring' // waiting its turn
  | 'crossed-ring' // called off
  | 'spinner' // under way (still when the operator prefers less motion)
  | 'return-arrow' // going away and coming back (a reboot)
  | 'key' // waiting for a password
  | 'crossed-lock'; // refused the credentials

export function StateIcon({ shape }: { shape: StateShape }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[shape]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const onFill = { fill: 'none', stroke: 'var(--surface)', strokeWidth: 1.9, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const shapes: Record<StateShape, ReactNode> = {
  'tick-disc': (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" {...onFill} />
    </>
  ),
  'tick-ring': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8.3l2 2 4-4.3" {...stroke} />
    </>
  ),
  'cross-disc': (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2" {...onFill} />
    </>
  ),
  'warn-triangle': (
    <>
      <path d="M8 1.4L15 14.2H1z" fill="currentColor" />
      <path d="M8 5.6v4.2" stroke="var(--surface)" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="12" r="1" fill="var(--surface)" />
    </>
  ),
  'question-ring': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} strokeDasharray="2.6 1.8" />
      <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.4" {...stroke} strokeWidth={1.5} />
      <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
    </>
  ),
  'dash-ring': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8h6" {...stroke} />
    </>
  ),
  'clock-ring': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M8 4.5V8l2.4 1.6" {...stroke} />
    </>
  ),
  'crossed-ring': (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M3.6 12.4l8.8-8.8" {...stroke} />
    </>
  ),
  spinner: <path className="state-icon__spin" d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" {...stroke} />,
  'return-arrow': (
    <>
      <path d="M13.2 5.2A6 6 0 1 0 14 8" {...stroke} />
      <path d="M13.6 1.8v3.6h-3.6" {...stroke} />
    </>
  ),
  key: (
    <>
      <circle cx="5" cy="8" r="3.2" {...stroke} />
      <path d="M8.2 8h6.3M12.5 8v2.6M10.6 8v1.8" {...stroke} />
    </>
  ),
  'crossed-lock': (
    <>
      <rect x="2.5" y="7" width="11" height="7.5" rx="1.3" fill="currentColor" />
      <path d="M4.8 7V5a3.2 3.2 0 0 1 6.4 0v2" {...stroke} />
      <path d="M6.3 9.3l3.4 3.4M9.7 9.3l-3.4 3.4" fill="none" stroke="var(--surface)" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
};
