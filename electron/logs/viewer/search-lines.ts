import { open } from 'node:fs/promises';
import type { LogSearchResult } from '../../../shared/logs/viewer';
import { decodeLogBytes } from '../analysis/log-text';
import type { LineIndex } from './line-index';
import { regexMatchesOffThread, SearchCancelledError } from './regex-worker';

/** What the operator looks for: text, or a regular expression tried on each line. */
export interface LogQuery {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface SearchBounds {
  fromLine: number;
  limit: number;
  /** The search stops after this long and says where to go on from. */
  timeBudgetMs: number;
  /** A regular expression that takes longer than this on one block is stopped (PatternTooSlowError). */
  patternTimeoutMs: number;
  /** The operator cancelled: the search answers with what it found so far and where to go on from. */
  signal?: AbortSignal;
}

/** Lines are read and decoded in blocks of about this size; a longer line is searched in its first BLOCK_BYTES. */
const BLOCK_BYTES = 1 << 20;

/** The query as a regular expression: plain text is escaped. Throws SyntaxError for a regular expression that is not one. */
export function queryPattern(q: LogQuery): RegExp {
  const source = q.regex ? q.query : q.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(source, q.caseSensitive ? '' : 'i');
}

/**
 * The numbers of the lines that match, streaming through the file a block at a time from `fromLine`:
 * memory stays that of one block however large the log. Plain text is looked for in the whole block at
 * once (escaped text matches in linear time); a regular expression is tried on each line, so `^` and
 * `$` mean the line's start and end, in a worker thread with a time limit (see regex-worker.ts).
 */
export async function searchLines(index: LineIndex, q: LogQuery, bounds: SearchBounds): Promise<LogSearchResult> {
  const pattern = queryPattern(q);
  const inBlock = q.regex ? null : new RegExp(pattern.source, `${pattern.flags}g`);
  const total = index.lines;
  const matches: number[] = [];
  const started = Date.now();
  const handle = await open(index.path, 'r');
  try {
    let line = Math.max(1, bounds.fromLine);
    while (line <= total) {
      let last = line;
      while (last < total && index.end(last + 1) - index.start(line) <= BLOCK_BYTES) last++;
      const from = index.start(line);
      const length = Math.min(index.end(last) - from, BLOCK_BYTES);
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, from);
      const text = decodeLogBytes(bytes.subarray(0, bytesRead - (bytesRead % index.unit)), index.encoding);
      let found: number[];
      try {
        found = inBlock ? plainMatches(text, inBlock, line) : await regexMatchesOffThread(pattern, text, line, last, bounds.patternTimeoutMs, bounds.signal);
      } catch (e) {
        if (e instanceof SearchCancelledError) return result(matches, line - 1, line, 'cancelled', total);
        throw e;
      }
      for (const match of found) {
        matches.push(match);
        if (matches.length === bounds.limit) {
          return result(matches, match, match < total ? match + 1 : null, match < total ? 'limit' : null, total);
        }
      }
      line = last + 1;
      if (line <= total && bounds.signal?.aborted) return result(matches, last, line, 'cancelled', total);
      if (line <= total && Date.now() - started > bounds.timeBudgetMs) return result(matches, last, line, 'time', total);
    }
    return result(matches, total, null, null, total);
  } finally {
    await handle.close();
  }
}

function result(
  matches: number[],
  searchedTo: number,
  nextLine: number | null,
  stoppedBecause: LogSearchResult['stoppedBecause'],
  totalLines: number,
): LogSearchResult {
  return { matches, searchedTo, nextLine, stoppedBecause, totalLines };
}

/** Lines of the block holding a match of a global pattern, each once, with line numbers from `first`. */
function plainMatches(text: string, pattern: RegExp, first: number): number[] {
  const lines: number[] = [];
  let line = first;
  let counted = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < m.index; at = text.indexOf('\n', at + 1)) line++;
    lines.push(line);
    const lineEnd = text.indexOf('\n', m.index);
    if (lineEnd === -1) break;
    counted = lineEnd + 1;
    line++;
    pattern.lastIndex = counted;
  }
  return lines;
}
