import { OperationFailure, type OperationError } from '../../shared/errors';

/** What an operation that must fail failed with; throws if it succeeded or failed with anything else. */
export async function failureOf(p: Promise<unknown>): Promise<OperationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OperationFailure) return e.info;
    throw e;
  }
  throw new Error('expected the operation to fail');
}
