import type { AppSnapshot, LabEvent, LabView, MachineView } from '../../shared/lab';
import type { ChecklistProgressView } from '../../shared/checklists/types';
import type { CollectionView } from '../../shared/collection/progress';
import type { HlkStateView } from '../../shared/hlk/views';
import type { JournalEntryView } from '../../shared/journal';
import type { LinkcheckView, TapdiagView } from '../../shared/tapdiag/views';
import type { MachineReadiness, ReadinessSnapshot } from '../../shared/readiness/results';
import { emptyJournal, withPushedEntries } from '../journal/journal-entries';
import type { AppState } from './app-state';
import { EVENT_BUFFER, mergeEvents } from './event-buffer';
import { noReport } from './journal-slice';

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
  /** The open lab was closed: the events shown so far were its own. */
  eventsEnded = false;
  /** Readiness known before this batch no longer holds: another lab, or a whole snapshot arrived. */
  readinessReplaced = false;
  readonly readiness = new Map<string, MachineReadiness>();
  watchInterval: { seconds: number | null } | null = null;
  /** The list of runs was read again: runs not in it are gone from the runs folder. */
  collectionsReplaced = false;
  readonly collections = new Map<string, CollectionView>();
  /** The guided setup's latest views: each replaces the one before. */
  checklist: ChecklistProgressView | null = null;
  tapdiag: TapdiagView | null = null;
  hlk: HlkStateView | null = null;
  linkcheck: { value: LinkcheckView | null } | null = null;
  journal: JournalEntryView[] = [];

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
      this.collections.size === 0 &&
      !this.checklist &&
      !this.tapdiag &&
      !this.hlk &&
      !this.linkcheck &&
      this.journal.length === 0
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
    // Closing a lab ends its events; hlk-assist pushes the next lab's after it says which lab is open.
    if (value === null) {
      this.eventsEnded = true;
      this.events = [];
    }
    this.machines.clear();
    this.readinessReplaced = true;
    this.readiness.clear();
    this.watchInterval = { seconds: null };
    this.checklist = null;
    this.tapdiag = null;
    this.hlk = null;
    this.linkcheck = null;
    this.journal = [];
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

  addJournalEntry(entry: JournalEntryView): void {
    this.journal.push(entry);
    if (this.journal.length > 2 * EVENT_BUFFER) this.journal = this.journal.slice(-EVENT_BUFFER);
  }

  addEvent(event: LabEvent): void {
    this.events.push(event);
    if (this.events.length > 2 * EVENT_BUFFER) this.events = this.events.slice(-EVENT_BUFFER);
  }
}

/** The same lab (not merely one read again): same name, source and file. */
export function sameLab(a: LabView | null, b: LabView | null): boolean {
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
    next.checklistProgress = null;
    next.checklistVerify = { doing: null, error: null };
    next.stepRuns = {};
    next.hlk = null;
    next.hlkProjects = null;
    next.hlkPlaylists = null;
    next.hlkPlaylistLoaded = null;
    next.tapdiag = null;
    next.tapdiagRequests = {};
    next.linkcheck = null;
    next.machineActions = {};
    next.journal = emptyJournal;
    next.report = noReport;
  }
  if (batch.checklist) next.checklistProgress = batch.checklist;
  if (batch.tapdiag) next.tapdiag = batch.tapdiag;
  if (batch.hlk) next.hlk = batch.hlk;
  if (batch.linkcheck) next.linkcheck = batch.linkcheck.value;
  if (batch.journal.length > 0) {
    const journal = withPushedEntries(next.journal ?? state.journal, batch.journal, state.journalFilter);
    if (journal) next.journal = journal;
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
  // A snapshot holds every event of the open lab, so what the window showed before it goes too.
  const ended = batch.eventsEnded || batch.snapshot !== null;
  if (incoming.length > 0 || ended) next.events = mergeEvents(ended ? [] : state.events, incoming);
  return next;
}
