import type { AppSnapshot, CollectionView, LabEvent, LabView, MachineReadiness, MachineView, ReadinessSnapshot } from '../../shared/api';
import type { AppState } from './app-state';
import { EVENT_BUFFER, mergeEvents } from './event-buffer';

/**
 * What arrived from hlk-assist since the last frame, coalesced: a snapshot or a new lab replaces
 * whatever came before it, a machine keeps only its latest view, events are bounded. So the batch
 * stays small however fast things arrive, or however long the window is hidden.
 */
export class HostBatch {
  snapshot: { host: AppSnapshot['host']; events: LabEvent[] } | null = null;
  lab: { value: LabView | null } | null = null;
  /** A lab was opened or closed (not just read again): what the window shows of the old one goes. */
  labReplaced = false;
  readonly machines = new Map<string, MachineView>();
  events: LabEvent[] = [];
  /** Readiness known before this batch no longer holds: another lab, or a whole snapshot arrived. */
  readinessReplaced = false;
  readonly readiness = new Map<string, MachineReadiness>();
  watchInterval: { seconds: number | null } | null = null;
  /** The list of runs was read again: runs not in it are gone from the runs folder. */
  collectionsReplaced = false;
  readonly collections = new Map<string, CollectionView>();

  get isEmpty(): boolean {
    return (
      !this.snapshot &&
      !this.lab &&
      this.machines.size === 0 &&
      this.events.length === 0 &&
      !this.readinessReplaced &&
      this.readiness.size === 0 &&
      !this.watchInterval &&
      !this.collectionsReplaced &&
      this.collections.size === 0
    );
  }

  addSnapshot(s: AppSnapshot): void {
    this.snapshot = { host: s.host, events: s.events };
    this.lab = { value: s.lab };
    this.machines.clear();
  }

  replaceLab(value: LabView | null): void {
    this.lab = { value };
    this.labReplaced = true;
    this.machines.clear();
    this.readinessReplaced = true;
    this.readiness.clear();
    this.watchInterval = { seconds: null };
  }

  replaceReadiness(snapshot: ReadinessSnapshot): void {
    this.readinessReplaced = true;
    this.readiness.clear();
    for (const m of snapshot.machines) this.readiness.set(m.machine, m);
    this.watchInterval = { seconds: snapshot.watchIntervalSeconds };
  }

  addReadiness(readiness: MachineReadiness): void {
    this.readiness.set(readiness.machine, readiness);
  }

  replaceCollections(views: readonly CollectionView[]): void {
    this.collectionsReplaced = true;
    this.collections.clear();
    for (const v of views) this.collections.set(v.run, v);
  }

  addCollection(view: CollectionView): void {
    this.collections.set(view.run, view);
  }

  addMachine(view: MachineView): void {
    this.machines.set(view.name, view);
  }

  addEvent(event: LabEvent): void {
    this.events.push(event);
    if (this.events.length > 2 * EVENT_BUFFER) this.events = this.events.slice(-EVENT_BUFFER);
  }
}

function sameLab(a: LabView | null, b: LabView | null): boolean {
  return a === b || (a !== null && b !== null && a.name === b.name && a.source === b.source && a.path === b.path);
}

/** The store's next state after one batch, as one update. */
export function applyHostBatch(state: AppState, batch: HostBatch): Partial<AppState> {
  const next: Partial<AppState> = {};
  if (batch.snapshot) {
    next.loaded = true;
    next.servedBy = batch.snapshot.host;
  }
  let lab = batch.lab ? batch.lab.value : state.lab;
  if (lab && batch.machines.size > 0) {
    lab = { ...lab, machines: lab.machines.map((m) => batch.machines.get(m.name) ?? m) };
  }
  if (lab !== state.lab) next.lab = lab;
  const anotherLab = batch.labReplaced || !sameLab(state.lab, lab);
  if (anotherLab) {
    // Another lab: outcomes and request errors of the old one's machines would mislead.
    next.runs = {};
    next.machineRequests = {};
    next.fixes = {};
    next.choosingLab = false;
  }
  if (anotherLab || batch.readinessReplaced || batch.readiness.size > 0) {
    next.readiness = { ...(anotherLab || batch.readinessReplaced ? {} : state.readiness), ...Object.fromEntries(batch.readiness) };
  }
  if (batch.watchInterval) next.watchIntervalSeconds = batch.watchInterval.seconds;
  else if (anotherLab) next.watchIntervalSeconds = null;
  if (batch.collectionsReplaced || batch.collections.size > 0) {
    next.collections = { ...(batch.collectionsReplaced ? {} : state.collections), ...Object.fromEntries(batch.collections) };
  }
  const incoming = batch.snapshot ? [...batch.snapshot.events, ...batch.events] : batch.events;
  if (incoming.length > 0) next.events = mergeEvents(state.events, incoming);
  return next;
}
