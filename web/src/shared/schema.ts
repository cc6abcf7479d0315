/**
 * What a form can read from a contract's zod schema (zod 4): the fields of an object, whether a
 * field is required, its inner type once optional and default are peeled off, and its bounds.
 * Forms built from these ask for what the server will check, and nothing else.
 */
import { z } from 'zod';

/** A schema that does not accept "nothing" (undefined) makes its field required, as zod's own `isOptional` decides. */
export function schemaRequires(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

/** The type under `.optional()`, `.nullable()` and `.default()`. */
export function innerSchema(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else return current;
  }
}

export interface SchemaBounds {
  /** A number's range. */
  min?: number;
  max?: number;
  /** A text's longest length. */
  maxLength?: number;
  /** An enum's values. */
  options?: readonly string[];
}

export function schemaBounds(schema: z.ZodType): SchemaBounds {
  const inner = innerSchema(schema);
  if (inner instanceof z.ZodNumber) {
    return { ...(inner.minValue !== null && Number.isFinite(inner.minValue) ? { min: inner.minValue } : {}), ...(inner.maxValue !== null && Number.isFinite(inner.maxValue) ? { max: inner.maxValue } : {}) };
  }
  if (inner instanceof z.ZodString) return inner.maxLength !== null ? { maxLength: inner.maxLength } : {};
  if (inner instanceof z.ZodEnum) return { options: inner.options.map(String) };
  return {};
}
