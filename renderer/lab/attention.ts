import type { MachineView } from '../../shared/lab';
import type { Tone } from './connection-states';

/** Things about a machine the operator should look at, worst first. */
export type AttentionKind =
  | 'host-key-changed'
  | 'auth-failed'
  | 'unreachable'
  | 'rebooted'
  | 'needs-password'
  | 'rebooting'
  | 'pending-reboot'
  | 'not-elevated'
  | 'idle';

const order: Record<AttentionKind, { rank: number; tone: Tone; text: string }> = {
  'host-key-changed': { rank: 0, tone: 'bad', text: 'host key changed' },
  'auth-failed': { rank: 1, tone: 'bad', text: 'authentication failed' },
  unreachable: { rank: 2, tone: 'warn', text: 'unreachable' },
  rebooted: { rank: 3, tone: 'warn', text: 'rebooted, not acknowledged' },
  'needs-password': { rank: 4, tone: 'warn', text: 'needs password' },
  rebooting: { rank: 5, tone: 'busy', text: 'rebooting' },
  'pending-reboot': { rank: 6, tone: 'warn', text: 'reboot pending' },
  'not-elevated': { rank: 7, tone: 'warn', text: 'not elevated' },
  idle: { rank: 8, tone: 'off', text: 'not connected' },
};

export interface Attention {
  machine: string;
  kind: AttentionKind;
  tone: Tone;
  text: string;
}

function kindsFor(m: MachineView): AttentionKind[] {
  const kinds: AttentionKind[] = [];
  switch (m.state) {
    case 'host-key-changed':
    case 'auth-failed':
    case 'unreachable':
    case 'needs-password':
    case 'rebooting':
    case 'idle':
      kinds.push(m.state);
      break;
    case 'connected':
    case 'connecting':
      break;
  }
  if (m.rebootedAt) kinds.push('rebooted');
  if (m.facts && m.facts.pendingReboot.length > 0) kinds.push('pending-reboot');
  if (m.facts && !m.facts.elevated) kinds.push('not-elevated');
  return kinds;
}

export interface LabSummary {
  connected: number;
  connecting: number;
  total: number;
  attention: Attention[];
}

export function summarizeLab(machines: readonly MachineView[]): LabSummary {
  const attention = machines
    .flatMap((m) => kindsFor(m).map((kind): Attention => ({ machine: m.name, kind, ...order[kind] })))
    .sort((a, b) => order[a.kind].rank - order[b.kind].rank);
  return {
    connected: machines.filter((m) => m.state === 'connected').length,
    connecting: machines.filter((m) => m.state === 'connecting').length,
    total: machines.length,
    attention,
  };
}

const roleOrder = { controller: 0, client: 1, support: 2 } as const;

/** Controller first, then clients, then support machines; the lab file's order within a role. */
export function inLabOrder(machines: readonly MachineView[]): MachineView[] {
  return machines
    .map((m, i) => ({ m, i }))
    .sort((a, b) => roleOrder[a.m.role] - roleOrder[b.m.role] || a.i - b.i)
    .map(({ m }) => m);
}
