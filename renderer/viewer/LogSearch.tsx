import { useId, useRef, useState } from 'react';
import type { LogFileInfo, LogSearchResult } from '../../shared/logs/viewer';
import { MAX_SEARCH_MATCHES } from '../../shared/logs/viewer';
import { formatCount } from '../components/byte-format';
import { useApp } from '../store/use-app';

/** Numbers the searches of this window, so Stop names the one under way. */
let searchCount = 0;

interface Found {
  /** What was searched for, so a changed query searches again. */
  key: string;
  matches: number[];
  more: Pick<LogSearchResult, 'nextLine' | 'stoppedBecause'>;
  current: number;
}

const keyOf = (query: string, regex: boolean, caseSensitive: boolean) => JSON.stringify([query, regex, caseSensitive]);

/**
 * Search the log in hlk-assist (streaming, so a million lines do not come to the window), then step
 * through the matches with Next and Previous (Enter and Shift+Enter). `from` is the line last jumped
 * to: the first match shown is the first at or after it.
 */
export function LogSearch({
  log,
  from,
  onMatches,
  onGo,
}: {
  log: LogFileInfo;
  from: number;
  onMatches(matches: readonly number[], query: { query: string; regex: boolean; caseSensitive: boolean } | null): void;
  onGo(line: number): void;
}) {
  const searchLog = useApp((s) => s.searchLog);
  const cancelSearch = useApp((s) => s.cancelSearch);
  /** The id of the search under way, for Stop. */
  const running = useRef<string | null>(null);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const key = keyOf(query, regex, caseSensitive);
  const stale = found !== null && found.key !== key;

  const search = async (fromLine: number) => {
    setSearching(true);
    const searchId = `search-${++searchCount}`;
    running.current = searchId;
    const answer = await searchLog({ file: log.path, query, regex, caseSensitive, limit: MAX_SEARCH_MATCHES, fromLine, searchId });
    running.current = null;
    setSearching(false);
    if (!answer.ok) {
      setError(answer.message);
      return null;
    }
    setError(null);
    return answer.result;
  };

  const show = (next: Found) => {
    setFound(next);
    const line = next.matches[next.current];
    if (line !== undefined) onGo(line);
  };

  const step = async (direction: 1 | -1) => {
    if (!query || searching) return;
    if (!found || stale) {
      const result = await search(1);
      if (!result) return;
      onMatches(result.matches, { query, regex, caseSensitive });
      const at = result.matches.findIndex((n) => n >= from);
      show({ key, matches: result.matches, more: result, current: at === -1 ? 0 : at });
      return;
    }
    const next = found.current + direction;
    if (next >= 0 && next < found.matches.length) return show({ ...found, current: next });
    if (direction === 1 && found.more.nextLine !== null) {
      const result = await search(found.more.nextLine);
      if (!result) return;
      const matches = [...found.matches, ...result.matches];
      onMatches(matches, { query, regex, caseSensitive });
      return show({ key, matches, more: result, current: Math.min(next, matches.length - 1) });
    }
    // Every match is known: go round.
    if (found.more.nextLine === null && found.matches.length > 0) show({ ...found, current: direction === 1 ? 0 : found.matches.length - 1 });
  };

  const status = (() => {
    if (searching) return 'Searching…';
    if (error) return error;
    if (!found || stale) return query ? 'Press Enter to search.' : '';
    if (found.more.stoppedBecause === 'cancelled') {
      const at = `stopped at line ${formatCount(found.more.nextLine! - 1)}`;
      if (found.matches.length === 0) return `Search ${at}, no match so far: Next searches on from there.`;
      return `Match ${formatCount(found.current + 1)} of ${formatCount(found.matches.length)} found so far (search ${at}); Next at the last goes on.`;
    }
    if (found.matches.length === 0) {
      return found.more.nextLine === null ? `No match in ${formatCount(log.lines)} lines.` : 'No match yet: Next searches on.';
    }
    const position = `Match ${formatCount(found.current + 1)} of ${formatCount(found.matches.length)}`;
    if (found.more.stoppedBecause === 'limit') return `${position} found so far; Next at the last goes on searching.`;
    if (found.more.stoppedBecause === 'time') return `${position} found so far (searched to line ${formatCount(found.more.nextLine! - 1)}); Next at the last goes on.`;
    return `${position}.`;
  })();

  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void step(1);
      }}
    >
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search the log
      </label>
      <input
        id={`${id}-q`}
        className="mono search__field"
        type="search"
        spellCheck={false}
        placeholder="Search the log"
        value={query}
        aria-invalid={error !== null}
        onChange={(e) => {
          setQuery(e.target.value);
          setError(null);
          if (e.target.value === '') {
            setFound(null);
            onMatches([], null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.shiftKey) {
            e.preventDefault();
            void step(-1);
          }
        }}
        data-testid="log-search"
      />
      <button type="button" className="button" disabled={!query || searching} onClick={() => void step(-1)} data-testid="log-search-prev">
        Previous
      </button>
      <button type="submit" className="button button--primary" disabled={!query || searching} data-testid="log-search-next">
        Next
      </button>
      {searching && (
        <button type="button" className="button" onClick={() => running.current && void cancelSearch(running.current)} data-testid="log-search-stop">
          Stop
        </button>
      )}
      <label className="search__option">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} data-testid="log-search-case" /> Match case
      </label>
      <label className="search__option">
        <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} data-testid="log-search-regex" /> Regular expression
      </label>
      <span className={error ? 'search__status tone-bad' : 'search__status muted'} role="status" data-testid="log-search-status">
        {status}
      </span>
    </form>
  );
}
