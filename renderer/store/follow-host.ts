import type { ApiEventMessage, ApiEventName } from '../../shared/api';
import type { AppSnapshot, LabView, MachineView } from '../../shared/lab';
import type { ChecklistProgressView } from '../../shared/checklists/types';
import type { CollectionView } from '../../shared/collection/progress';
import type { HlkStateView } from '../../shared/hlk/views';
import type { LinkcheckView, TapdiagView } from '../../shared/tapdiag/views';
import type { MachineReadiness, ReadinessSnapshot } from '../../shared/readiness/results';
import type { HostConnection } from '../api/host-connection';
import type { AppStore } from './app-state';
import { HostBatch, sameLab } from './host-batch';

/**
 * Everything hlk-assist says about the lab enters the store here, in the order it arrived: pushed
 * events, and the answers to requests (a snapshot, a new lab, a machine). Applying answers through
 * the same queue keeps an older pushed view from overwriting a newer answer.
 */
export interface HostFeed {
  snapshot(s: AppSnapshot): void;
  lab(view: LabView | null): void;
  machine(view: MachineView): void;
  /** Readiness of every machine, and the watch interval. */
  readiness(snapshot: ReadinessSnapshot): void;
  machineReadiness(readiness: MachineReadiness): void;
  /** Every collection run in the runs folder. */
  collections(views: readonly CollectionView[]): void;
  collection(view: CollectionView): void;
  checklist(view: ChecklistProgressView): void;
  tapdiag(view: TapdiagView): void;
  hlk(view: HlkStateView): void;
  linkcheck(view: LinkcheckView | null): void;
  pushed(message: ApiEventMessage): void;
}

/** ApiEventMessage as a union discriminated by name, so a switch narrows the payload. */
type PushedMessage = { [E in ApiEventName]: ApiEventMessage<E> }[ApiEventName];

/** A feed that applies at most once per animation frame. */
export function createHostFeed(
  commit: (batch: HostBatch) => void,
  schedule: (flush: () => void) => void = (flush) => requestAnimationFrame(flush),
): HostFeed {
  let batch = new HostBatch();
  let scheduled = false;
  const later = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const done = batch;
      batch = new HostBatch();
      if (!done.isEmpty) commit(done);
    });
  };
  return {
    snapshot: (s) => {
      batch.addSnapshot(s);
      later();
    },
    lab: (view) => {
      batch.replaceLab(view);
      later();
    },
    machine: (view) => {
      batch.addMachine(view);
      later();
    },
    readiness: (snapshot) => {
      batch.replaceReadiness(snapshot);
      later();
    },
    machineReadiness: (readiness) => {
      batch.addReadiness(readiness);
      later();
    },
    collections: (views) => {
      batch.replaceCollections(views);
      later();
    },
    collection: (view) => {
      batch.addCollection(view);
      later();
    },
    checklist: (view) => {
      batch.checklist = view;
      later();
    },
    tapdiag: (view) => {
      batch.tapdiag = view;
      later();
    },
    hlk: (view) => {
      batch.hlk = view;
      later();
    },
    linkcheck: (value) => {
      batch.linkcheck = { value };
      later();
    },
    pushed: (message) => {
      const m = message as PushedMessage;
      switch (m.name) {
        case 'lab':
          batch.replaceLab(m.payload);
          break;
        case 'machine':
          batch.addMachine(m.payload);
          break;
        case 'event':
          batch.addEvent(m.payload);
          break;
        case 'readiness':
          batch.addReadiness(m.payload);
          break;
        case 'collection':
          batch.addCollection(m.payload);
          break;
        case 'checklist':
          batch.checklist = m.payload;
          break;
        case 'tapdiag':
          batch.tapdiag = m.payload;
          break;
        case 'hlk':
          batch.hlk = m.payload;
          break;
        case 'linkcheck':
          batch.linkcheck = { value: m.payload };
          break;
        case 'journal':
          batch.addJournalEntry(m.payload);
          break;
      }
      later();
    },
  };
}

/** Subscribes the store to hlk-assist: its events, and the line itself (resync on every (re)connect). */
export function followHost(connection: HostConnection, store: AppStore, feed: HostFeed): () => void {
  const stopEvents = connection.api.onEvent((message) => feed.pushed(message));
  const stopLink = connection.onLink((link) => {
    const was = store.getState().link.status;
    store.getState().setLink(link);
    if (link.status === 'connected' && was !== 'connected') void store.getState().resync();
  });
  // Another lab opened (from this window or another one): read what it holds of the pass.
  const stopLab = store.subscribe((state, previous) => {
    if (!state.lab || sameLab(state.lab, previous.lab)) return;
    void state.readPassState().then((problem) => {
      if (problem) store.setState({ syncError: problem });
    });
  });
  return () => {
    stopEvents();
    stopLink();
    stopLab();
  };
}
