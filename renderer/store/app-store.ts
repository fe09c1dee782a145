import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import type { HostConnection } from '../api/host-connection';
import type { AppState, AppStore } from './app-state';
import { createChecklistSlice } from './checklist-slice';
import { createCollectionSlice } from './collection-slice';
import { createEventsSlice } from './events-slice';
import { createHostFeed, followHost } from './follow-host';
import { applyHostBatch } from './host-batch';
import { createHlkSlice } from './hlk-slice';
import { createSigningSlice } from './signing-slice';
import { createHostSlice } from './host-slice';
import { createJournalSlice } from './journal-slice';
import { createLabSlice } from './lab-slice';
import { createMachineActionsSlice } from './machine-actions-slice';
import { createNavigationSlice } from './navigation-slice';
import { createOperationsSlice } from './operations-slice';
import { createPassSlice } from './pass-slice';
import { createReadinessSlice } from './readiness-slice';
import { createSettingsSlice, readSettings } from './settings-slice';
import { createTapdiagSlice } from './tapdiag-slice';
import { createViewerSlice } from './viewer-slice';

/** The store, following hlk-assist through the connection. Only the UI settings are persisted. */
export function createAppStore(connection: HostConnection): AppStore {
  // The feed commits on a later animation frame, when the store exists.
  const feed = createHostFeed((batch) => store.setState((state) => applyHostBatch(state, batch)));
  const deps = { connection, feed };
  const store: AppStore = createStore<AppState>()(
    persist(
      (set, get) => ({
        ...createHostSlice(set, get, deps),
        ...createLabSlice(set, get, deps),
        ...createEventsSlice(set, get, deps),
        ...createOperationsSlice(set, get, deps),
        ...createSettingsSlice(set, get, deps),
        ...createNavigationSlice(set, get, deps),
        ...createReadinessSlice(set, get, deps),
        ...createCollectionSlice(set, get, deps),
        ...createViewerSlice(set, get, deps),
        ...createChecklistSlice(set, get, deps),
        ...createHlkSlice(set, get, deps),
        ...createPassSlice(set, get, deps),
        ...createTapdiagSlice(set, get, deps),
        ...createMachineActionsSlice(set, get, deps),
        ...createJournalSlice(set, get, deps),
        ...createSigningSlice(set, get, deps),
      }),
      {
        name: 'hlk-assist.ui-settings',
        version: 1,
        partialize: (s) => ({ settings: s.settings }),
        merge: (persisted, current) => ({
          ...current,
          settings: readSettings((persisted as { settings?: unknown } | undefined)?.settings),
        }),
      },
    ),
  );
  followHost(connection, store, feed);
  return store;
}
