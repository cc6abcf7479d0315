/**
 * How a domain declares its permissions: a name (`domain:verb`), what it allows in both
 * languages, and the roles granted it by default. `roles.ts` gathers every domain's list.
 */
import type { Role } from './role-list.js';

export interface PermissionSpec {
  zh: string;
  en: string;
  /** Roles that hold it. The three admin roles never share one (三权分立, checked by a test). */
  roles: readonly Role[];
}

export function definePermissions<const T extends Record<`${string}:${string}`, PermissionSpec>>(spec: T): T {
  return spec;
}
