import type { ApiError } from '../../shared/api';

/** A request the lab's services refuse: an unknown machine or step, nothing to do it on. Reaches the UI as an ApiError. */
export class ServiceError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
