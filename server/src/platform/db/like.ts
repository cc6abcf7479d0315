/** Patterns for LIKE / ILIKE from what a person typed: `%` and `_` match themselves. */

/** The text with LIKE's wildcards and escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern for "contains the text". */
export const containing = (text: string): string => `%${escapeLike(text)}%`;
