import type { ReportExport } from '../../shared/journal';
import { defaultJournalKinds, journalKindGroups } from '../journal/journal-kinds';
import { emptyJournal, JOURNAL_PAGE, mergeJournalEntries, type JournalFilter, type JournalState } from '../journal/journal-entries';
import { reportFileName } from '../journal/report-file-name';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

/** The pass report this window last asked for: being written, where it was written, or why not. */
export type ReportState = { doing: ReportExport['format'] | null; result: ReportExport | null; error: string | null };

export const noReport: ReportState = { doing: null, result: null, error: null };

/** The run journal as a timeline (its query follows the filter; pushed entries are added as they come) and the pass report. */
export interface JournalSlice {
  journal: JournalState;
  journalFilter: JournalFilter;
  report: ReportState;
  /** Reads the newest entries that match the filter (as many as the timeline holds, or `limit`). */
  loadJournal(limit?: number): Promise<void>;
  setJournalFilter(filter: JournalFilter): Promise<void>;
  exportReport(format: ReportExport['format']): Promise<void>;
}

const allKinds = journalKindGroups.flatMap((g) => g.kinds);

export const createJournalSlice: SliceCreator<JournalSlice> = (set, get, { connection }) => {
  const api = connection.api;
  let asked = 0;
  const loadJournal = async (limit = get().journal.limit) => {
    const filter = get().journalFilter;
    const mine = ++asked;
    if (filter.kinds.length === 0) {
      set({ journal: { status: 'loaded', entries: [], matched: 0, limit, error: null } });
      return;
    }
    set((s) => ({ journal: { ...s.journal, status: 'loading', limit, error: null } }));
    const everyKind = allKinds.every((k) => filter.kinds.includes(k));
    const answer = await ask(api, 'journal.query', {
      ...(filter.machine !== null ? { machine: filter.machine } : {}),
      ...(everyKind ? {} : { kinds: [...filter.kinds] }),
      limit,
    });
    if (mine !== asked) return; // the filter changed meanwhile: a newer query answers
    if (!answer.ok) {
      set((s) => ({ journal: { ...s.journal, status: 'loaded', error: answer.message } }));
      return;
    }
    set((s) => {
      const read = answer.result.entries;
      const last = read.at(-1)?.seq ?? -1;
      // Entries pushed while the query was under way were not on disk when it read.
      const pushedSince = s.journal.entries.filter((e) => e.seq > last);
      return {
        journal: {
          status: 'loaded',
          entries: mergeJournalEntries(read, pushedSince, limit),
          matched: answer.result.matched + pushedSince.length,
          limit,
          error: null,
        },
      };
    });
  };
  return {
    journal: emptyJournal,
    journalFilter: { machine: null, kinds: defaultJournalKinds },
    report: noReport,
    loadJournal,
    setJournalFilter: async (journalFilter) => {
      set({ journalFilter, journal: { ...emptyJournal, status: 'loading' } });
      await loadJournal(JOURNAL_PAGE);
    },
    exportReport: async (format) => {
      if (get().report.doing) return;
      set({ report: { doing: format, result: null, error: null } });
      const answer = await ask(api, 'report.export', { format, path: reportFileName(format, new Date()) });
      set({ report: answer.ok ? { doing: null, result: answer.result, error: null } : { doing: null, result: null, error: answer.message } });
    },
  };
};
