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
    const [snapshot, operations] = await Promise.all([
      ask(connection.api, 'app.snapshot', {}),
      ask(connection.api, 'operations.list', {}),
    ]);
    if (snapshot.ok) feed.snapshot(snapshot.result);
    if (operations.ok) set({ operations: operations.result });
    const failed = !snapshot.ok ? snapshot.message : !operations.ok ? operations.message : null;
    set({ syncError: failed });
  },
  retryNow: () => connection.retryNow(),
});
