import type { ApiParams } from '../../shared/api';
import type { LogAnalysis, LogFileInfo } from '../../shared/logs/viewer';
import type { SliceCreator } from './app-state';
import { ask, type Answer } from './ask';

export type LogAnalysisState =
  | { status: 'reading' }
  | { status: 'done'; report: LogAnalysis }
  | { status: 'failed'; message: string };

/** The log open in the viewer, its findings, and the line the operator asked to see. */
export interface ViewerSlice {
  log: LogFileInfo | null;
  /** The path being opened now. */
  logOpening: string | null;
  logError: string | null;
  logAnalysis: LogAnalysisState | null;
  /** The line to bring into view and mark; `seq` makes asking for the same line again count. */
  logTarget: { line: number; seq: number } | null;
  /** Opens a log (a path in the runs folder, or a full path), reads it against the known failures, and shows `line` if given. */
  openLog(path: string, line?: number): Promise<void>;
  closeLog(): void;
  goToLine(line: number): void;
  readLogLines(params: ApiParams<'logs.readLines'>): Promise<Answer<'logs.readLines'>>;
  searchLog(params: ApiParams<'logs.search'>): Promise<Answer<'logs.search'>>;
  /** Stops the search under way with this id: it answers with what it found so far. */
  cancelSearch(searchId: string): Promise<Answer<'logs.cancelSearch'>>;
  /** Reads every file of a collection run (its folder in the runs folder) against the known failures. */
  analyzeRun(run: string): Promise<Answer<'logs.analyze'>>;
  /** The app's file dialog (Electron only), then the file picked opened; the message when that failed. */
  pickLog(): Promise<string | null>;
  /** Opens the newest collected task log of an HLK test in the viewer; the reason when there is none. */
  openTaskLog(machine: string, test: string): Promise<string | null>;
}

export const createViewerSlice: SliceCreator<ViewerSlice> = (set, get, { connection }) => {
  const api = connection.api;
  let seq = 0;
  return {
    log: null,
    logOpening: null,
    logError: null,
    logAnalysis: null,
    logTarget: null,
    openLog: async (path, line) => {
      set({ logOpening: path, logError: null });
      const answer = await ask(api, 'logs.open', { path });
      if (get().logOpening !== path) return; // another log was asked for meanwhile
      if (!answer.ok) {
        set({ logOpening: null, logError: answer.message });
        return;
      }
      const log = answer.result;
      set({ logOpening: null, log, logAnalysis: { status: 'reading' }, logTarget: line === undefined ? null : { line, seq: ++seq } });
      const analysis = await ask(api, 'logs.analyze', { paths: [log.path] });
      if (get().log !== log) return;
      set({ logAnalysis: analysis.ok ? { status: 'done', report: analysis.result } : { status: 'failed', message: analysis.message } });
    },
    closeLog: () => set({ log: null, logAnalysis: null, logTarget: null, logError: null }),
    goToLine: (line) => set({ logTarget: { line, seq: ++seq } }),
    readLogLines: (params) => ask(api, 'logs.readLines', params),
    searchLog: (params) => ask(api, 'logs.search', params),
    cancelSearch: (searchId) => ask(api, 'logs.cancelSearch', { searchId }),
    analyzeRun: (run) => ask(api, 'logs.analyze', { paths: [run] }),
    pickLog: async () => {
      const answer = await ask(api, 'logs.pick', {});
      if (!answer.ok) return answer.message;
      if (answer.result.path !== null) await get().openLog(answer.result.path);
      return null;
    },
    openTaskLog: async (machine, test) => {
      const answer = await ask(api, 'logs.taskLog', { machine, test });
      if (!answer.ok) return answer.message;
      if (!answer.result.found) return answer.result.reason;
      get().showLogsView('viewer');
      await get().openLog(answer.result.path);
      return null;
    },
  };
};
