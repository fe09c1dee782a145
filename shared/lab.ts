/**
 * The lab's vocabulary: machines and their roles, connection states, what the UI sees of a machine and of
 * the lab, and the events of the lab's timeline. Every floor speaks it; the api contract (api.ts) carries
 * these values but does not define them.
 */
import type { SystemFacts } from './operations/system';

export type MachineRole = 'controller' | 'client' | 'support';
export type AuthMethod = 'agent' | 'key' | 'password' | 'local';

export type ConnectionState =
  | 'idle' // not asked to connect yet
  | 'needs-password' // password authentication: waiting for the operator to type it
  | 'connecting'
  | 'connected'
  | 'rebooting' // went away after we asked it to reboot; reconnecting
  | 'unreachable' // went away or never answered; reconnecting with backoff
  | 'auth-failed' // the machine refused the credentials; not retried until the operator acts
  | 'host-key-changed'; // the machine presented another host key than the pinned one; refused

export interface HostKeyMismatch {
  pinned: string; // SHA256:... as `ssh-keygen -l` prints
  presented: string;
  keyType: string;
}

export interface MachineView {
  name: string;
  role: MachineRole;
  host: string;
  port: number;
  user: string;
  auth: AuthMethod;
  state: ConnectionState;
  stateSince: string;
  /** Why the machine is in its state, in the operator's words (error message, retry time). */
  stateDetail: string | null;
  hostKey: { fingerprint: string; keyType: string } | null;
  hostKeyMismatch: HostKeyMismatch | null;
  facts: SystemFacts | null;
  factsAt: string | null;
  /** Set when the machine came back with a new boot time; cleared when the operator acknowledges it. */
  rebootedAt: string | null;
}

export interface LabView {
  name: string;
  source: 'practice' | 'file';
  path: string | null;
  machines: MachineView[];
}

export type LabEventKind =
  | 'lab'
  | 'connected'
  | 'disconnected'
  | 'rebooted'
  | 'auth-failed'
  | 'host-key-changed'
  | 'host-key-pinned'
  | 'operation';

export interface LabEvent {
  id: number;
  at: string;
  machine: string | null;
  kind: LabEventKind;
  text: string;
  /** Its number in the lab's run journal, where it was written before it was pushed (absent when no lab is open). */
  seq?: number;
}

export interface AppSnapshot {
  lab: LabView | null;
  events: LabEvent[];
  /** Where this UI is served from: the desktop app, or a browser through the web host. */
  host: 'electron' | 'web';
}
