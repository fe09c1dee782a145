import { useEffect, useMemo, useState } from 'react';
import { formatDate } from '../components/time-format';
import { useNow } from '../components/use-now';
import { useApp } from '../store/use-app';
import { JOURNAL_MAX, JOURNAL_PAGE } from './journal-entries';
import { JournalEntry } from './JournalEntry';
import { JournalFilters } from './JournalFilters';
import { ReportExport } from './ReportExport';

/** Rows drawn at a time: the timeline of a long pass stays quick to scroll. */
const ROWS = 200;

/** The run journal as a timeline, newest first: every action with its script, check changes, steps, reboots and connections. */
export function JournalPage() {
  const journal = useApp((s) => s.journal);
  const loadJournal = useApp((s) => s.loadJournal);
  const [rows, setRows] = useState(ROWS);
  const today = formatDate(new Date(useNow()));
  useEffect(() => {
    if (journal.status === 'idle') void loadJournal(JOURNAL_PAGE);
  }, [journal.status, loadJournal]);
  const newestFirst = useMemo(() => [...journal.entries].reverse(), [journal.entries]);
  const shown = newestFirst.slice(0, rows);
  const olderOnDisk = journal.matched - journal.entries.length;
  return (
    <div className="journal" data-testid="journal-page">
      <div className="journal__top">
        <JournalFilters />
        <ReportExport />
      </div>
      <p className="journal__count muted" data-testid="journal-count" aria-live="polite">
        {journal.status === 'loading' && journal.entries.length === 0
          ? 'Reading the journal…'
          : `${journal.matched} ${journal.matched === 1 ? 'entry matches' : 'entries match'}; newest first.`}
      </p>
      {journal.error && (
        <p className="notice notice--bad" role="alert">
          {journal.error}
        </p>
      )}
      {shown.length > 0 && (
        <ol className="timeline" data-testid="journal-entries">
          {shown.map((e) => (
            <JournalEntry key={e.seq} entry={e} today={today} />
          ))}
        </ol>
      )}
      {journal.status === 'loaded' && journal.matched === 0 && <p className="muted">No entry matches the filter.</p>}
      <div className="journal__more">
        {newestFirst.length > rows && (
          <button type="button" className="button" onClick={() => setRows((n) => n + ROWS)} data-testid="journal-more">
            Show {Math.min(ROWS, newestFirst.length - rows)} older entries
          </button>
        )}
        {newestFirst.length <= rows && olderOnDisk > 0 && journal.limit < JOURNAL_MAX && (
          <button
            type="button"
            className="button"
            disabled={journal.status === 'loading'}
            onClick={() => {
              setRows((n) => n + ROWS);
              void loadJournal(Math.min(JOURNAL_MAX, journal.limit + JOURNAL_PAGE));
            }}
            data-testid="journal-older"
          >
            Read {Math.min(JOURNAL_PAGE, olderOnDisk)} older entries from the journal
          </button>
        )}
        {olderOnDisk > 0 && journal.limit >= JOURNAL_MAX && (
          <span className="hint">The {JOURNAL_MAX} newest are shown; narrow the filter to reach older ones, or export the report.</span>
        )}
      </div>
    </div>
  );
}
