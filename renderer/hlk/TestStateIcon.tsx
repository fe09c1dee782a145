import type { HlkTestState } from '../../shared/hlk/views';
import { StateIcon, type StateShape } from '../components/StateIcon';

const shapeOf: Record<HlkTestState, StateShape> = {
  passed: 'tick-disc',
  failed: 'cross-disc',
  running: 'spinner',
  queued: 'clock-ring',
  cancelled: 'crossed-ring',
  'not run': 'dash-ring',
};

export function TestStateIcon({ state }: { state: HlkTestState }) {
  return <StateIcon shape={shapeOf[state]} />;
}
