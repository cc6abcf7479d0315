/** The one error type of the server: a stable code from contracts, optional details. */
import { ERRORS, type ErrorCode } from '@gridgov/contracts';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');
