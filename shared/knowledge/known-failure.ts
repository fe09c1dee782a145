import type { LogKind } from './log-kinds';

/**
 * One way a known failure shows in a log line. `contains` is the fast first look over the whole log
 * (matched in any letter case, as plain text); `pattern`, when present, is the full test for the line.
 * Patterns leave numbers, paths, names and GUIDs open, so they match other labs than the example.
 */
export interface LogSignature {
  contains: string;
  pattern?: RegExp;
}

/** A one-click remedy: an operation from shared/operations with its parameters. */
export interface KnownFailureFix {
  operation: string;
  params: Record<string, unknown>;
  title: string;
}

export type DomainDocument =
  | 'OpenVPN wiki: HLK testing of tap-windows6'
  | 'tap-windows6 README'
  | 'Microsoft docs: evaluate HVCI driver compatibility'
  | "Eli Billauer's blog: Windows device drivers";

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
  /** What to do about it. */
  remedy: string;
  source: { document: DomainDocument; section: string };
  /** Where the signature's text comes from when the document describes the failure without quoting a log line. */
  signatureOrigin?: string;
  fix?: KnownFailureFix;
}
