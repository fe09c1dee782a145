import type { ConnectionState } from '../../shared/api';
import type { ReactNode } from 'react';

/** A distinct shape per connection state, so it reads without colour. Decorative: the label says it. */
export function StateIcon({ state }: { state: ConnectionState }) {
  return (
    <svg className={`state-icon state-icon--${state}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[state]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const shapes: Record<ConnectionState, ReactNode> = {
  // a filled disc with a tick
  connected: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.3l2.2 2.2 4.6-4.8" fill="none" stroke="var(--surface)" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  // an open ring that turns (still when the operator prefers less motion)
  connecting: <path className="state-icon__spin" d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" {...stroke} />,
  // a circular arrow
  rebooting: (
    <>
      <path d="M13.2 5.2A6 6 0 1 0 14 8" {...stroke} />
      <path d="M13.6 1.8v3.6h-3.6" {...stroke} />
    </>
  ),
  // a ring crossed out
  unreachable: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M3.6 12.4l8.8-8.8" {...stroke} />
    </>
  ),
  // a key
  'needs-password': (
    <>
      <circle cx="5" cy="8" r="3.2" {...stroke} />
      <path d="M8.2 8h6.3M12.5 8v2.6M10.6 8v1.8" {...stroke} />
    </>
  ),
  // a padlock with a cross
  'auth-failed': (
    <>
      <rect x="2.5" y="7" width="11" height="7.5" rx="1.3" fill="currentColor" />
      <path d="M4.8 7V5a3.2 3.2 0 0 1 6.4 0v2" {...stroke} />
      <path d="M6.3 9.3l3.4 3.4M9.7 9.3l-3.4 3.4" fill="none" stroke="var(--surface)" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  // a warning triangle
  'host-key-changed': (
    <>
      <path d="M8 1.4L15 14.2H1z" fill="currentColor" />
      <path d="M8 5.6v4.2" stroke="var(--surface)" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="12" r="1" fill="var(--surface)" />
    </>
  ),
  // a ring with a dash: nothing asked yet
  idle: (
    <>
      <circle cx="8" cy="8" r="6.3" {...stroke} />
      <path d="M5 8h6" {...stroke} />
    </>
  ),
};
