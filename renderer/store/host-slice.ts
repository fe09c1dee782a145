import type { AppSnapshot } from '../../shared/api';
import type { HostLink } from '../api/host-connection';
import type { SliceCreator } from './app-state';
import { ask } from './ask';

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
  retryNow(): void;
}

export const createHostSlice: SliceCreator<HostSlice> = (set, _get, { connection, feed }) => ({
  link: { status: 'connecting' },
  loaded: false,
  servedBy: null,
  syncError: null,
  setLink: (link) => set({ link }),
  resync: async () => {
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
    const failed = [snapshot, operations, checks, runs, readiness].find((a) => a !== null && !a.ok);
    set({ syncError: failed && !failed.ok ? failed.message : null });
  },
  retryNow: () => connection.retryNow(),
});
