import type { StoreApi } from 'zustand';
import type { HostConnection } from '../api/host-connection';
import type { ChecklistSlice } from './checklist-slice';
import type { CollectionSlice } from './collection-slice';
import type { EventsSlice } from './events-slice';
import type { HostFeed } from './follow-host';
import type { HlkSlice } from './hlk-slice';
import type { HostSlice } from './host-slice';
import type { JournalSlice } from './journal-slice';
import type { LabSlice } from './lab-slice';
import type { MachineActionsSlice } from './machine-actions-slice';
import type { NavigationSlice } from './navigation-slice';
import type { OperationsSlice } from './operations-slice';
import type { PassSlice } from './pass-slice';
import type { ReadinessSlice } from './readiness-slice';
import type { SettingsSlice } from './settings-slice';
import type { SigningSlice } from './signing-slice';
import type { TapdiagSlice } from './tapdiag-slice';
import type { ViewerSlice } from './viewer-slice';

/** The one store of the UI, made of typed slices. */
export type AppState = HostSlice &
  LabSlice &
  EventsSlice &
  OperationsSlice &
  SettingsSlice &
  NavigationSlice &
  ReadinessSlice &
  CollectionSlice &
  ViewerSlice &
  ChecklistSlice &
  HlkSlice &
  TapdiagSlice &
  MachineActionsSlice &
  JournalSlice &
  PassSlice &
  SigningSlice;
export type AppStore = StoreApi<AppState>;

/** What the slices' actions use: the api, and the feed that applies its answers in order with pushed events. */
export interface StoreDeps {
  connection: HostConnection;
  feed: HostFeed;
}

export type SliceCreator<T> = (set: AppStore['setState'], get: AppStore['getState'], deps: StoreDeps) => T;
