import type { ConnectionState } from '../../shared/lab';

/** How a state looks: always words and a shape, colour only on top. */
export type Tone = 'good' | 'busy' | 'warn' | 'bad' | 'off';

export interface StateLook {
  label: string;
  tone: Tone;
}

export const connectionStates: Record<ConnectionState, StateLook> = {
  connected: { label: 'Connected', tone: 'good' },
  connecting: { label: 'Connecting', tone: 'busy' },
  rebooting: { label: 'Rebooting', tone: 'busy' },
  unreachable: { label: 'Unreachable', tone: 'warn' },
  'needs-password': { label: 'Needs password', tone: 'warn' },
  'auth-failed': { label: 'Authentication failed', tone: 'bad' },
  'host-key-changed': { label: 'Host key changed', tone: 'bad' },
  idle: { label: 'Not connected', tone: 'off' },
};
