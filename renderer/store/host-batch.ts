import type { AppSnapshot, LabEvent, LabView, MachineView } from '../../shared/api';
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

  get isEmpty(): boolean {
    return !this.snapshot && !this.lab && this.machines.size === 0 && this.events.length === 0;
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
  if (batch.labReplaced || !sameLab(state.lab, lab)) {
    // Another lab: outcomes and request errors of the old one's machines would mislead.
    next.runs = {};
    next.machineRequests = {};
  }
  const incoming = batch.snapshot ? [...batch.snapshot.events, ...batch.events] : batch.events;
  if (incoming.length > 0) next.events = mergeEvents(state.events, incoming);
  return next;
}
