import type { JournalKind } from '../../shared/journal';
import type { Tone } from '../lab/connection-states';

/** Each kind of journal entry as the timeline names it. */
export const journalKindWords: Record<JournalKind, { text: string; tone: Tone }> = {
  operation: { text: 'action', tone: 'busy' },
  read: { text: 'read', tone: 'off' },
  check: { text: 'check', tone: 'off' },
  checklist: { text: 'checklist', tone: 'good' },
  tapdiag: { text: 'tapdiag', tone: 'busy' },
  linkcheck: { text: 'LinkCheck', tone: 'busy' },
  hlk: { text: 'HLK test', tone: 'busy' },
  submission: { text: 'submission', tone: 'busy' },
  connected: { text: 'connected', tone: 'good' },
  disconnected: { text: 'disconnected', tone: 'warn' },
  rebooted: { text: 'rebooted', tone: 'warn' },
  'auth-failed': { text: 'auth failed', tone: 'bad' },
  'host-key-changed': { text: 'host key changed', tone: 'bad' },
  'host-key-pinned': { text: 'host key pinned', tone: 'off' },
  lab: { text: 'lab', tone: 'off' },
};

/** The filter's choices: kinds an operator tells apart, each a group of journal kinds. */
export const journalKindGroups: ReadonlyArray<{ id: string; label: string; kinds: readonly JournalKind[] }> = [
  { id: 'actions', label: 'Actions that change a machine', kinds: ['operation'] },
  { id: 'tapdiag', label: 'tapdiag and LinkCheck', kinds: ['tapdiag', 'linkcheck'] },
  { id: 'checklists', label: 'Checklist steps', kinds: ['checklist'] },
  { id: 'checks', label: 'Check changes', kinds: ['check'] },
  { id: 'hlk', label: 'HLK tests', kinds: ['hlk'] },
  { id: 'submission', label: 'Signing and submission', kinds: ['submission'] },
  { id: 'connections', label: 'Connections and reboots', kinds: ['connected', 'disconnected', 'rebooted', 'auth-failed', 'host-key-changed', 'host-key-pinned'] },
  { id: 'lab', label: 'Lab', kinds: ['lab'] },
  { id: 'reads', label: 'Reads (every status query: many)', kinds: ['read'] },
];

/** Everything but the reads: those are every status query, and would bury the rest. */
export const defaultJournalKinds: readonly JournalKind[] = journalKindGroups.filter((g) => g.id !== 'reads').flatMap((g) => g.kinds);
