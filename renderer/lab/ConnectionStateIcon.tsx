import type { ConnectionState } from '../../shared/lab';
import { StateIcon, type StateShape } from '../components/StateIcon';

const shapeOf: Record<ConnectionState, StateShape> = {
  connected: 'tick-disc',
  connecting: 'spinner',
  rebooting: 'return-arrow',
  unreachable: 'crossed-ring',
  'needs-password': 'key',
  'auth-failed': 'crossed-lock',
  'host-key-changed': 'warn-triangle',
  idle: 'dash-ring',
};

export function ConnectionStateIcon({ state }: { state: ConnectionState }) {
  return <StateIcon shape={shapeOf[state]} />;
}
