/**
 * What no request may carry in any string, on any route, before its schema is even read: NUL
 * (PostgreSQL cannot store it and answered 500), the other C0 and C1 control characters but
 * tab, line feed and carriage return (terminal and log injection), and the bidirectional
 * embedding, override and isolate controls (text that displays in another order than it reads,
 * "Trojan Source"). Names are held to more in the contracts (`contracts/src/text.ts`).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

// eslint-disable-next-line no-control-regex -- the point of the pattern is control characters
export const FORBIDDEN_IN_ANY_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface InputIssue {
  path: string;
  message: string;
  code: 'control_character';
}

/** The paths (`body.items.0.name`) of strings, and of object keys, holding a forbidden character. */
export function forbiddenCharacters(value: unknown, path: string, out: InputIssue[] = [], depth = 0): InputIssue[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === 'string') {
    if (FORBIDDEN_IN_ANY_TEXT.test(value)) out.push({ path, code: 'control_character', message: 'contains a control or bidirectional-override character' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => forbiddenCharacters(item, `${path}.${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const at = `${path}.${FORBIDDEN_IN_ANY_TEXT.test(key) ? JSON.stringify(key) : key}`;
      if (FORBIDDEN_IN_ANY_TEXT.test(key)) out.push({ path: at, code: 'control_character', message: 'the field name contains a control character' });
      forbiddenCharacters(item, at, out, depth + 1);
    }
  }
  return out;
}

/** preValidation hook: refuses the request with VALIDATION_FAILED naming every offending field. */
export async function inputGuard(request: FastifyRequest): Promise<void> {
  const issues: InputIssue[] = [];
  forbiddenCharacters(request.params, 'params', issues);
  forbiddenCharacters(request.query, 'querystring', issues);
  forbiddenCharacters(request.body, 'body', issues);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues);
}
