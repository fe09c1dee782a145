import type { ErrorCodeMeaning } from './error-codes';
import type { KnownFailureFix } from './known-failure';
import type { LogKind } from './log-kinds';

/** One log line a known failure was found on. */
export interface FindingLine {
  /** 1-based. */
  line: number;
  text: string;
  /** Where the line sits in the log's structure: its setupapi section, its DGReadiness module. */
  context: string | null;
  /** Error codes on the line that the knowledge base can explain. */
  codes: ErrorCodeMeaning[];
}

/** A known failure found in one log file. The first few lines are kept; the rest are only counted. */
export interface Finding {
  failureId: string;
  title: string;
  meaning: string;
  remedy: string;
  fix: KnownFailureFix | null;
  file: string;
  logKind: LogKind;
  /** The first line it was found on. */
  line: number;
  /** How many lines matched in this file. */
  lineCount: number;
  lines: FindingLine[];
  /** The driver the log blames (npcap.sys, tap0901, NPCAP.inf), when it names one. */
  driver: string | null;
  /** What the finding line names as the variant: a bug check's first parameter, a CM_PROB_ problem code. */
  detail: string | null;
  /** The processor architecture the log was written on (amd64, arm64, x86), when it says. */
  architecture: string | null;
  /** The Windows version or build the log was written on, when it says. */
  windows: string | null;
}
