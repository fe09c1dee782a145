import { basename, join } from 'node:path';
import type { LogAnalysis, LogFileInfo, LogLines, LogSearchResult } from '../../../shared/logs/viewer';
import { analyzePaths, fileSystemMessage } from '../analysis/analyze-paths';
import { detectLogKind } from '../analysis/log-kind';
import { NotTextError, openLogText } from '../analysis/log-text';
import { readManifest } from '../collection/run-store';
import { LineIndex } from './line-index';
import { LogRequestError, resolveLogPath, type LogPlace } from './log-paths';
import { readLines } from './read-lines';
import { PatternTooSlowError } from './regex-worker';
import { searchLines, type LogQuery } from './search-lines';

/** Indexes kept for the logs opened last; an index costs 8 bytes a line. */
const INDEXES_KEPT = 6;
const SEARCH_TIME_BUDGET_MS = 5000;
/** One block of lines (1 MiB) takes a sound regular expression milliseconds; seconds mean it backtracks without end. */
const PATTERN_TIMEOUT_MS = 3000;

/**
 * The log viewer's work in the main process: opens a log by its path (see log-paths.ts for which paths),
 * keeps a line index of the last few logs opened, and reads, searches and analyses them for the window.
 */
export class LogViewer {
  /** Most recently used last. */
  private readonly indexes = new Map<string, Promise<LineIndex>>();
  /** Searches running now, by the id the window gave them. */
  private readonly searches = new Map<string, AbortController>();

  /**
   * @param picked Where the window has a file dialog (the Electron app): the files the operator picked
   * through it, the only ones outside the runs folder it reads, so a page that was made to ask for
   * another file gets nothing. Null where a path typed in the page is the operator's own choice (the
   * web host, the CLI).
   */
  constructor(
    private readonly runsDir: string,
    private readonly patternTimeoutMs = PATTERN_TIMEOUT_MS,
    private readonly picked: Set<string> | null = null,
  ) {}

  /** A file the operator picked in the file dialog: readable from now on. Returns its real path. */
  async pick(path: string): Promise<string> {
    const place = await resolveLogPath(this.runsDir, path, false);
    this.picked?.add(place.path);
    return place.path;
  }

  async open(given: string): Promise<LogFileInfo> {
    const place = await this.place(given);
    const index = await this.index(place.path);
    const text = await openLogText(place.path).catch((e: unknown) => this.refuse(e, place.path));
    return {
      path: place.path,
      name: basename(place.path),
      run: place.run,
      machine: place.machine,
      remotePath: await this.remotePath(place),
      kind: detectLogKind(place.path, text.head),
      encoding: index.encoding,
      bytes: index.size,
      lines: index.lines,
    };
  }

  /** `lines` (ascending, as many as MAX_READ_LINES), or `count` lines from `from`; lines past the end are left out. */
  async readLines(file: string, which: { from: number; count: number } | { lines: number[] }): Promise<LogLines> {
    const index = await this.index((await this.place(file)).path);
    const total = index.lines;
    const wanted =
      'lines' in which
        ? [...new Set(which.lines)].filter((n) => n <= total).sort((a, b) => a - b)
        : Array.from({ length: Math.max(0, Math.min(which.count, total - which.from + 1)) }, (_, i) => which.from + i);
    return { totalLines: total, lines: await readLines(index, wanted) };
  }

  /** `searchId`, when given, is what cancelSearch() stops it by. */
  async search(file: string, query: LogQuery, bounds: { fromLine: number; limit: number }, searchId?: string): Promise<LogSearchResult> {
    const index = await this.index((await this.place(file)).path);
    const controller = new AbortController();
    if (searchId !== undefined) {
      this.searches.get(searchId)?.abort();
      this.searches.set(searchId, controller);
    }
    try {
      return await searchLines(index, query, { ...bounds, timeBudgetMs: SEARCH_TIME_BUDGET_MS, patternTimeoutMs: this.patternTimeoutMs, signal: controller.signal });
    } catch (e) {
      if (e instanceof PatternTooSlowError) throw new LogRequestError('invalid-request', `${e.message}: it backtracks without end on these lines; make it more specific`);
      if (e instanceof SyntaxError) throw new LogRequestError('invalid-request', `not a regular expression: ${e.message}`);
      throw e;
    } finally {
      if (searchId !== undefined && this.searches.get(searchId) === controller) this.searches.delete(searchId);
    }
  }

  /** Stops the search running under this id; false when none is (it had finished already). */
  cancelSearch(searchId: string): boolean {
    const controller = this.searches.get(searchId);
    if (!controller) return false;
    controller.abort();
    this.searches.delete(searchId);
    return true;
  }

  async analyze(paths: readonly string[]): Promise<LogAnalysis> {
    const places: string[] = [];
    for (const given of paths) places.push(this.allowed(given, await resolveLogPath(this.runsDir, given, true)).path);
    return analyzePaths(places);
  }

  private async place(given: string): Promise<LogPlace> {
    return this.allowed(given, await resolveLogPath(this.runsDir, given, false));
  }

  private allowed(given: string, place: LogPlace): LogPlace {
    if (place.inRuns || this.picked === null || this.picked.has(place.path)) return place;
    throw new LogRequestError(
      'log-file',
      `${given} is outside the runs folder and was not picked by the operator: open it with "Choose a file…", so hlk-assist knows you chose it`,
    );
  }

  /** The file's line index, brought up to date with the file. */
  private async index(path: string): Promise<LineIndex> {
    const cached = this.indexes.get(path);
    const next = cached ? cached.then((index) => index.refresh(), () => LineIndex.build(path)) : LineIndex.build(path);
    this.indexes.delete(path);
    this.indexes.set(path, next);
    while (this.indexes.size > INDEXES_KEPT) this.indexes.delete(this.indexes.keys().next().value!);
    try {
      return await next;
    } catch (e) {
      if (this.indexes.get(path) === next) this.indexes.delete(path);
      return this.refuse(e, path);
    }
  }

  private refuse(e: unknown, path: string): never {
    if (e instanceof NotTextError) {
      throw new LogRequestError('log-file', `${basename(path)} is not a text log (${e.reason}); the viewer shows text logs only`);
    }
    if (e instanceof LogRequestError) throw e;
    throw new LogRequestError('log-file', `${path}: ${fileSystemMessage(e)}`);
  }

  private async remotePath(place: LogPlace): Promise<string | null> {
    if (!place.run || !place.machine) return null;
    const manifest = await readManifest(join(this.runsDir, place.run)).catch(() => null);
    const machine = manifest?.machines.find((m) => m.name === place.machine);
    return machine?.files.find((f) => f.localPath === place.inMachineFolder)?.remotePath ?? null;
  }
}
