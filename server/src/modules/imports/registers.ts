/** The registers a file can be imported into, and their fields. Residents first; others may follow. */
import type { RegisterKind } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { FieldSpec } from './fields.js';
import { RESIDENT_FIELDS } from './resident-rows.js';

const FIELDS: Partial<Record<RegisterKind, readonly FieldSpec[]>> = {
  resident: RESIDENT_FIELDS,
};

export function importFields(register: RegisterKind): readonly FieldSpec[] {
  return FIELDS[register] ?? [];
}

/** Refuses a register that has no import yet. */
export function assertImportable(register: RegisterKind): readonly FieldSpec[] {
  const fields = FIELDS[register];
  if (!fields) throw new AppError('VALIDATION_FAILED', { register: `no import for the ${register} register yet` });
  return fields;
}
