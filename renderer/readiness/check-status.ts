import type { CheckStatus } from '../../shared/readiness/results';
import type { Tone } from '../lab/connection-states';

/** How a check's status reads: always a word and a shape, colour only on top; worst first. */
export interface StatusLook {
  label: string;
  /** For the filter: "Failing (3)". */
  plural: string;
  tone: Tone;
  rank: number;
}

export const checkStatuses: readonly CheckStatus[] = ['fail', 'unknown', 'warn', 'pass'];

export const statusLooks: Record<CheckStatus, StatusLook> = {
  fail: { label: 'Fails', plural: 'Failing', tone: 'bad', rank: 0 },
  // Could not run: never read as a pass, and said as loudly as a problem.
  unknown: { label: 'Unknown', plural: 'Unknown', tone: 'warn', rank: 1 },
  warn: { label: 'Warning', plural: 'Warnings', tone: 'warn', rank: 2 },
  pass: { label: 'Passes', plural: 'Passing', tone: 'good', rank: 3 },
};
