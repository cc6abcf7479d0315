/** Row validation that collects every field's problem instead of stopping at the first. */
import type { ErrorCode } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';

export interface FieldError {
  field: string;
  code: ErrorCode;
  reason?: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The API answers one error: the first field's code, with every field in the details. */
export function throwFieldErrors(errors: FieldError[]): never {
  const first = errors[0]!;
  throw new AppError(first.code, { fields: errors });
}

export function unwrap<T>(result: RowResult<T>): T {
  if (!result.ok) throwFieldErrors(result.errors);
  return result.value;
}
