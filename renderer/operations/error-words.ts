import type { OperationError, OperationErrorKind } from '../../shared/errors';

/** What each kind of failure means, in the operator's words (the kind itself stays in the journal's data). */
export const errorKindWords: Record<OperationErrorKind, string> = {
  timeout: 'no answer in time',
  'connection-lost': 'the connection was lost',
  'host-rebooted': 'the machine rebooted meanwhile',
  'script-error': 'the script failed',
  'bad-output': 'the answer could not be read',
  'not-connected': 'not connected',
  'invalid-params': 'wrong parameters',
  'unknown-operation': 'no such operation',
};

/** "the script failed: WTTSTDIO is not set". */
export function errorWords(error: Pick<OperationError, 'kind' | 'message'>): string {
  return `${errorKindWords[error.kind] ?? error.kind}: ${error.message}`;
}
