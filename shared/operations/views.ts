/** What the UI sees of an operation: its description and script, and the outcome of running it. */
import type { OperationError } from '../errors';

export interface OperationInfo {
  name: string;
  area: string;
  title: string;
  description: string;
  script: string;
  /** SHA-256 of the script's UTF-8 text, hex: the run journal names the script that ran by it. */
  scriptSha256: string;
  changesMachine: boolean;
  timeoutMs: number;
}

export type OperationOutcome =
  | { ok: true; result: unknown; elapsedMs: number }
  | { ok: false; error: OperationError; elapsedMs: number };
