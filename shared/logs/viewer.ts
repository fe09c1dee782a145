import type { Finding } from '../knowledge/findings';
import type { LogKind } from '../knowledge/log-kinds';

/**
 * The log viewer's side of the api: a log file opened by its path, read a few lines at a time, searched
 * and read against the known failures in the main process, so the window never holds more of a log
 * than it shows.
 */

export type LogTextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** An open log: what `logs.open` answers, and what the other log requests take back as `file`. */
export interface LogFileInfo {
  /** The file's full path on the computer running hlk-assist: pass it as `file` to the other requests. */
  path: string;
  /** The file's name, for titles. */
  name: string;
  /** Where it came from: a collection run (and the machine whose folder it is in), or a path the operator typed. */
  run: string | null;
  machine: string | null;
  /** The path on the machine, when the run's manifest lists the file. */
  remotePath: string | null;
  kind: LogKind;
  encoding: LogTextEncoding;
  bytes: number;
  lines: number;
}

/** Lines as the log holds them, without their line breaks. */
export interface LogLine {
  /** 1-based, as in findings. */
  line: number;
  text: string;
  /** The line is longer than the viewer shows; `text` is its start. */
  cut: boolean;
}

export interface LogLines {
  /** Lines in the file now: a log that grew since it was opened has more. */
  totalLines: number;
  lines: LogLine[];
}

export interface LogSearchResult {
  /** Numbers of the matching lines, in file order, at most `limit`. */
  matches: number[];
  /** Lines read; the search went from `fromLine` to here. */
  searchedTo: number;
  /** Where to go on from when the search stopped before the end: at the limit, after its time, or cancelled. */
  nextLine: number | null;
  stoppedBecause: 'limit' | 'time' | 'cancelled' | null;
  totalLines: number;
}

/** One file `logs.analyze` read; `findings` are listed beside the files, each naming its file. */
export interface AnalyzedLog {
  file: string;
  kind: LogKind;
  encoding: LogTextEncoding;
  bytes: number;
  lines: number;
}

export interface LogAnalysis {
  files: AnalyzedLog[];
  findings: Finding[];
  /** Files inside a folder that are not text (dumps, cabinets, traces): skipped, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
  /** Files that could not be read: the analysis of those is missing, not clean. */
  errors: Array<{ file: string; message: string }>;
}

/** Where a test's task log is among the collected runs, or why it is not there. */
export type TaskLogPlace = { found: true; path: string; run: string; remotePath: string } | { found: false; reason: string };

/** Characters of a line the viewer shows; the rest of a longer line is cut (a crash can leave megabytes on one line). */
export const MAX_VIEWER_LINE = 4000;
/** Lines one `logs.readLines` returns at most. */
export const MAX_READ_LINES = 1000;
/** Matches one `logs.search` returns at most. */
export const MAX_SEARCH_MATCHES = 10_000;
