/**
 * What a page, a menu card, a column or a button needs, said the way the server's routes say it:
 * one permission, or a list of which any one is enough. `{ allOf }` joins needs that must all
 * hold (filing a report in the console: `ticket:report`, and being staff who dispatch or handle).
 */
import type { Permission } from '@gridgov/contracts';

export type Need = Permission | readonly Permission[] | { readonly allOf: readonly Need[] };

/** Whether the permissions meet the need; no need at all (undefined or null) is always met. */
export function holds(need: Need | null | undefined, permissions: readonly string[]): boolean {
  if (need === null || need === undefined) return true;
  if (typeof need === 'string') return permissions.includes(need);
  if (isAllOf(need)) return need.allOf.every((part) => holds(part, permissions));
  return need.some((permission) => permissions.includes(permission));
}

function isAllOf(need: Need): need is { readonly allOf: readonly Need[] } {
  return typeof need === 'object' && 'allOf' in need;
}

/** Every permission a need names (for documentation and tests). */
export function permissionsOf(need: Need | null | undefined): Permission[] {
  if (need === null || need === undefined) return [];
  if (typeof need === 'string') return [need];
  if (isAllOf(need)) return need.allOf.flatMap(permissionsOf);
  return [...need];
}
