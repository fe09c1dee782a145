import type { AppSnapshot } from '../../shared/lab';
import type { HostLink } from '../api/host-connection';
import type { SliceCreator } from './app-state';
import { ask } from './ask';
import { sameLab } from './host-batch';

/** The line to hlk-assist and whether the first picture of the lab has arrived. */
export interface HostSlice {
  link: HostLink;
  /** The first snapshot has been applied. */
  loaded: boolean;
  servedBy: AppSnapshot['host'] | null;
  /** Why the last refresh from hlk-assist failed. */
  syncError: string | null;
  setLink(link: HostLink): void;
  /** Reads the whole picture again: at start and after every reconnect, since pushed events may have been missed. */
  resync(): Promise<void>;
  /** Reads the open lab's checklists, HLK, tapdiag and LinkCheck state; says why when something could not be read. */
  readPassState(): Promise<string | null>;
  retryNow(): void;
}

export const createHostSlice: SliceCreator<HostSlice> = (set, get, { connection, feed }) => ({
  link: { status: 'connecting' },
  loaded: false,
  servedBy: null,
  syncError: null,
  setLink: (link) => set({ link }),
  resync: async () => {
    const labBefore = get().lab;
    const [snapshot, operations, checks, runs] = await Promise.all([
      ask(connection.api, 'app.snapshot', {}),
      ask(connection.api, 'operations.list', {}),
      ask(connection.api, 'readiness.checks', {}),
      ask(connection.api, 'logs.runs', {}),
    ]);
    if (snapshot.ok) feed.snapshot(snapshot.result);
    if (operations.ok) set({ operations: operations.result });
    if (checks.ok) set({ checkCatalogue: checks.result });
    if (runs.ok) feed.collections(runs.result);
    // Without a lab there is no readiness to read; with one, what was pushed while disconnected may be missing.
    const readiness = snapshot.ok && snapshot.result.lab ? await ask(connection.api, 'readiness.snapshot', {}) : null;
    if (readiness?.ok) feed.readiness(readiness.result);
    // A lab that opened meanwhile is read as the store takes it (followHost); the same lab after a reconnect, here.
    const pass = snapshot.ok && snapshot.result.lab && sameLab(labBefore, snapshot.result.lab) ? await get().readPassState() : null;
    const failed = [snapshot, operations, checks, runs, readiness].find((a) => a !== null && !a.ok);
    set({ syncError: failed && !failed.ok ? failed.message : (pass ?? null) });
  },
  readPassState: async () => {
    const [catalogue, progress, hlk, tapdiag, linkcheck] = await Promise.all([
      ask(connection.api, 'checklists.catalogue', {}),
      ask(connection.api, 'checklists.progress', {}),
      ask(connection.api, 'hlk.state', {}),
      ask(connection.api, 'tapdiag.state', {}),
      ask(connection.api, 'linkcheck.state', {}),
    ]);
    if (catalogue.ok) set({ checklistCatalogue: catalogue.result });
    if (progress.ok) feed.checklist(progress.result);
    if (hlk.ok) feed.hlk(hlk.result);
    if (tapdiag.ok) feed.tapdiag(tapdiag.result);
    if (linkcheck.ok) feed.linkcheck(linkcheck.result);
    // The timeline may have missed entries too: read it again if it is shown.
    if (get().journal.status !== 'idle') void get().loadJournal();
    const failed = [catalogue, progress, hlk, tapdiag, linkcheck].find((a) => !a.ok);
    return failed && !failed.ok ? failed.message : null;
  },
  retryNow: () => connection.retryNow(),
});
