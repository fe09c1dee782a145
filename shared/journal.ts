import type { LabEventKind } from './lab';
import type { OperationError } from './errors';

/**
 * The run journal as the UI reads it: everything done and seen during the pass, per lab, oldest first.
 * Every entry the UI was shown as an `event` is in it (it is pushed only after the journal has it on disk).
 */

/**
 * What a journal entry is about: the LabEvent kinds (also pushed as `event`), and what is only journaled
 * and pushed as `journal`: read-only operation runs, readiness check changes, checklist steps, tapdiag,
 * the guided LinkCheck, HLK test states.
 */
export type JournalKind = LabEventKind | 'read' | 'check' | 'checklist' | 'tapdiag' | 'linkcheck' | 'hlk' | 'submission';

export function isLabEventKind(kind: JournalKind): kind is LabEventKind {
  return !['read', 'check', 'checklist', 'tapdiag', 'linkcheck', 'hlk', 'submission'].includes(kind);
}

export interface JournalEntryView {
  /** Its number in the lab's journal: increasing, never reused. */
  seq: number;
  at: string;
  machine: string | null;
  kind: JournalKind;
  text: string;
  /** Details: an operation's parameters, script hash and outcome; a check's status; a step's state. */
  data?: unknown;
}

/**
 * An operation run as the journal keeps it: its name, the parameters it was sent (passwords and other
 * secrets never; long values cut short), the SHA-256 of the script text that ran (operations.list gives the
 * text), and how it ended.
 */
export interface OperationEntryData {
  operation: string;
  params: unknown;
  scriptSha256: string;
  ok: boolean;
  elapsedMs: number;
  error?: OperationError;
  /** The result, when it is small; large results (log listings) are summarised by their size. */
  result?: unknown;
}

export interface JournalQueryResult {
  lab: string;
  /** Matching entries, oldest first: the last `limit` of them. */
  entries: JournalEntryView[];
  /** How many entries matched in all. */
  matched: number;
  /** Lines that could not be read (a torn last line after a crash), skipped. */
  unreadable: number;
}

/** A pass report: its text, and where it was written (the data folder's reports/) when a file name was given. */
export interface ReportExport {
  format: 'markdown' | 'html';
  text: string;
  path: string | null;
}
