/**
 * Which fields the server rejected in a ticket request: `{ field }` (a transition missing a
 * field), `{ fields: [{ field, reason }] }` (extra questions, phone), `{ departmentIds }` (a
 * department that cannot take the ticket), or schema issues `[{ path: 'body.x' }]`.
 */
import { ApiError } from '../../api/client';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface TicketFieldProblem {
  field: string;
  reason: string | null;
}

export function ticketFieldProblems(error: unknown): TicketFieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  if (Array.isArray(details)) {
    return details.filter(isRecord).flatMap((issue) => {
      if (typeof issue.path !== 'string') return [];
      const [where, field, sub] = issue.path.split('.');
      if (where !== 'body' || !field) return [];
      // body.customFields.<key> names the extra question.
      return [{ field: field === 'customFields' && sub ? `customFields.${sub}` : field, reason: null }];
    });
  }
  if (!isRecord(details)) return [];
  if (Array.isArray(details.fields)) {
    return details.fields
      .filter(isRecord)
      .flatMap((entry) => (typeof entry.field === 'string' ? [{ field: entry.field, reason: typeof entry.reason === 'string' ? entry.reason : null }] : []));
  }
  if (typeof details.field === 'string') return [{ field: details.field, reason: null }];
  if (Array.isArray(details.departmentIds)) return [{ field: 'departmentIds', reason: null }];
  return [];
}

/**
 * The body paths of schema issues as form name paths: `body.customFields.0.key` becomes
 * `['customFields', 0, 'key']` (for forms with lists).
 */
export function schemaIssuePaths(error: unknown): (string | number)[][] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(isRecord).flatMap((issue) => {
    if (typeof issue.path !== 'string') return [];
    const [where, ...rest] = issue.path.split('.');
    if (where !== 'body' || rest.length === 0) return [];
    return [rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
  });
}
