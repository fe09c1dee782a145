import { describe, expect, it } from 'vitest';
import type { JournalEntryView, JournalKind } from '../../shared/journal';
import { emptyJournal, matchesJournalFilter, mergeJournalEntries, withPushedEntries } from '../../renderer/journal/journal-entries';
import { defaultJournalKinds, journalKindGroups } from '../../renderer/journal/journal-kinds';

const entry = (seq: number, machine: string | null = 'client1', kind: JournalKind = 'tapdiag'): JournalEntryView => ({
  seq,
  at: new Date(Date.UTC(2025, 10, 19, 2, 0, seq)).toISOString(),
  machine,
  kind,
  text: `entry ${seq}`,
});

describe('the journal timeline', () => {
  it('merges a query’s answer with what was pushed meanwhile: each entry once, oldest first, the newest `limit`', () => {
    const merged = mergeJournalEntries([entry(3), entry(1), entry(2)], [entry(2), entry(5), entry(4)], 4);
    expect(merged.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
  });

  it('filters by machine and kind', () => {
    const filter = { machine: 'client1', kinds: ['tapdiag', 'operation'] as JournalKind[] };
    expect(matchesJournalFilter(entry(1), filter)).toBe(true);
    expect(matchesJournalFilter(entry(2, 'support'), filter)).toBe(false);
    expect(matchesJournalFilter(entry(3, 'client1', 'read'), filter)).toBe(false);
    expect(matchesJournalFilter(entry(4, null, 'lab'), { machine: null, kinds: ['lab'] })).toBe(true);
  });

  it('offers every kind of entry, and leaves the reads out at first', () => {
    const all: JournalKind[] = ['lab', 'connected', 'disconnected', 'rebooted', 'auth-failed', 'host-key-changed', 'host-key-pinned', 'operation', 'read', 'check', 'checklist', 'tapdiag', 'linkcheck', 'hlk', 'submission'];
    expect(journalKindGroups.flatMap((g) => g.kinds).sort()).toEqual([...all].sort());
    expect(defaultJournalKinds).not.toContain('read');
    expect(defaultJournalKinds).toHaveLength(all.length - 1);
  });
});

describe('pushed journal entries', () => {
  const filter = { machine: 'client1', kinds: ['tapdiag'] as JournalKind[] };

  it('join a timeline that was read, when they match its filter, and are counted', () => {
    const next = withPushedEntries({ ...emptyJournal, status: 'loaded', entries: [entry(9)], matched: 40 }, [entry(10), entry(11, 'support'), entry(12, 'client1', 'read'), entry(9)], filter);
    expect(next?.entries.map((e) => e.seq)).toEqual([9, 10]);
    expect(next?.matched).toBe(41);
  });

  it('leave alone a timeline nobody has opened (it reads them with the rest), and one they do not match', () => {
    expect(withPushedEntries(emptyJournal, [entry(10)], filter)).toBeNull();
    expect(withPushedEntries({ ...emptyJournal, status: 'loaded' }, [entry(10, 'support')], filter)).toBeNull();
  });
});
