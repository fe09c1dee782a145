import type { StepState } from '../../shared/checklists/types';
import { StateIcon, type StateShape } from '../components/StateIcon';

const shapeOf: Record<StepState, StateShape> = {
  done: 'tick-disc', // verified on the machine
  'manual-confirmed': 'tick-ring', // a person said so
  broken: 'cross-disc', // it was done and fails now
  pending: 'dash-ring',
};

export function StepStateIcon({ state }: { state: StepState }) {
  return <StateIcon shape={shapeOf[state]} />;
}
