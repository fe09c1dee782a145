/**
 * What can go wrong when an operation runs on a machine. Every failure reaches the UI, the CLI and the
 * journal as one of these kinds, with a message an operator can act on.
 */
export type OperationErrorKind =
  | 'timeout' // no answer within the operation's time limit
  | 'connection-lost' // the SSH connection or the PowerShell behind it went away mid-operation
  | 'host-rebooted' // the machine went away and came back with a new boot time
  | 'script-error' // PowerShell ran the script and it threw
  | 'bad-output' // the answer could not be decoded or does not have the promised shape
  | 'not-connected' // the machine is not connected (unreachable, auth failed, host key changed, ...)
  | 'invalid-params' // the parameters do not match the operation's schema
  | 'unknown-operation';

export interface OperationError {
  kind: OperationErrorKind;
  message: string;
  machine?: string;
  operation?: string;
  /** Extra facts: the script's line number, an output snippet, boot times before and after. */
  detail?: Record<string, string | number | boolean | null>;
}

export class OperationFailure extends Error {
  readonly info: OperationError;
  constructor(info: OperationError) {
    super(info.message);
    this.name = 'OperationFailure';
    this.info = info;
  }
}

export function isOperationFailure(e: unknown): e is OperationFailure {
  return e instanceof OperationFailure;
}
