import type { CheckStatus } from '../../shared/readiness/results';
import { StateIcon, type StateShape } from '../components/StateIcon';

/** What a status icon stands for: a check's status, not run yet, or running now. */
export type IconStatus = CheckStatus | 'not-checked' | 'checking';

const shapeOf: Record<IconStatus, StateShape> = {
  pass: 'tick-disc',
  fail: 'cross-disc',
  warn: 'warn-triangle',
  unknown: 'question-ring',
  'not-checked': 'dash-ring',
  checking: 'spinner',
};

export function StatusIcon({ status }: { status: IconStatus }) {
  return <StateIcon shape={shapeOf[status]} />;
}
