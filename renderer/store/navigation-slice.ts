import type { SliceCreator } from './app-state';

/** The pages of an open lab. */
export type LabPage = 'machines' | 'readiness' | 'setup' | 'hlk' | 'signing' | 'tapdiag' | 'logs' | 'journal';

/** The Logs page shows collection runs, or the log viewer. */
export type LogsView = 'collection' | 'viewer';

/** Where the operator is in the window: which page of the lab, or choosing another lab. */
export interface NavigationSlice {
  page: LabPage;
  logsView: LogsView;
  /** The checklist open on the Setup page. */
  checklistShown: string;
  /** The operator asked to open another lab; the open one stays until they pick one and confirm. */
  choosingLab: boolean;
  showPage(page: LabPage): void;
  showLogsView(view: LogsView): void;
  showChecklist(id: string): void;
  setChoosingLab(choosing: boolean): void;
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  page: 'machines',
  logsView: 'collection',
  checklistShown: 'client-preparation',
  choosingLab: false,
  showPage: (page) => set({ page, choosingLab: false }),
  showLogsView: (logsView) => set({ page: 'logs', logsView }),
  showChecklist: (checklistShown) => set({ page: 'setup', checklistShown }),
  setChoosingLab: (choosingLab) => set({ choosingLab }),
});
