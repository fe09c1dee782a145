import type { LogKind } from './log-kinds';

/**
 * One way a known failure shows in a log line. `contains` is the fast first look over the whole log
 * (matched in any letter case, as plain text); `pattern`, when present, is the full test for the line.
 * Patterns leave numbers, paths, names and GUIDs open, so they match other labs than the example.
 */
export interface LogSignature {
  contains: string;
  /**
   * May name what it reads with groups: `(?<driver>...)` the driver the line blames (a Code Integrity event's
   * image, the adapter kind in an OpenVPN message), `(?<detail>...)` a name that says which variant it is (a bug
   * check's first parameter, a CM_PROB_ problem code). Both reach the finding. `(?<fixValue>...)` is what the
   * failure's fix acts on (the drive letter of an Unavailable mapping in `net use`'s listing).
   */
  pattern?: RegExp;
}

/**
 * A line that turns an earlier finding line into a warning: the step went on and succeeded (0x800B0109 followed
 * by "Success" or 0xE0000241 in setupapi.dev.log). Only lines at most `withinLines` after it count.
 */
export interface WarningWhenFollowedBy {
  signatures: readonly LogSignature[];
  withinLines: number;
}

/** When a more specific failure is found too, this one is not the explanation and is left out. */
export interface GivesWayTo {
  /** Ids of the more specific failures. */
  failures: readonly string[];
  /** `line`: only where both match the same line (a bug check's event line); `log`: anywhere in the same log. */
  where: 'line' | 'log';
}

/** A one-click remedy: an operation from shared/operations with its parameters. */
export interface KnownFailureFix {
  operation: string;
  params: Record<string, unknown>;
  title: string;
  /**
   * The parameter that takes the `fixValue`s the finding's lines read (each once, in the order found). A
   * finding whose lines read none offers no fix: it does not know what to act on. `{values}` in the title
   * stands for them.
   */
  paramFromLines?: string;
}

export type DomainDocument =
  | 'OpenVPN wiki: HLK testing of tap-windows6'
  | 'tap-windows6 README'
  | 'Microsoft docs: evaluate HVCI driver compatibility'
  | "Eli Billauer's blog: Windows device drivers"
  | 'public failure reports';

export interface KnownFailure {
  /** camelCase, in the operator's words: `staleDriveMapping`, `e2ePerfLinkSpeed`. */
  id: string;
  title: string;
  /** The log kinds the failure shows in; `any` for text that turns up anywhere (bug checks, signing reports). */
  logKinds: 'any' | readonly LogKind[];
  /** Any one of them matching a line is a finding. */
  signatures: readonly LogSignature[];
  /** What happened, for an operator who has not seen it before. */
  meaning: string;
  /**
   * What to do about it, for any driver. `{driver}` stands for the driver the log names (IMAGE_NAME:, a Code
   * Integrity event's image, a setupapi section's INF), or "the driver" when it names none.
   */
  remedy: string;
  /** Added to the remedy only when the log is about tap-windows6 (tap0901, OemVista.inf, TAP-Windows). */
  tapWindows6Remedy?: string;
  /**
   * Names for a `detail` the log gives as a number (the event log writes a bug check's first parameter in hex,
   * where !analyze names it): lower-case hex without 0x and leading zeros, to the name.
   */
  detailNames?: Readonly<Record<string, string>>;
  warningWhenFollowedBy?: WarningWhenFollowedBy;
  givesWayTo?: GivesWayTo;
  /** `section` is a heading of the document; for public failure reports, the reports' addresses. */
  source: { document: DomainDocument; section: string };
  /** Where the signature's text comes from when the document describes the failure without quoting a log line. */
  signatureOrigin?: string;
  fix?: KnownFailureFix;
}
