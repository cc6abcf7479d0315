/**
 * Roles and permissions. Each domain declares its permissions and the roles that hold them
 * (`<domain>/permissions.ts`, listed in `domains.ts`); this is where they are gathered. Every server route declares a
 * permission it needs (or `public` / `authenticated`), and the web console shows a menu from the
 * permissions of the signed-in user.
 */
import { ROLES, type Role } from './role-list.js';
import type { PermissionSpec } from './permission-kit.js';
import { DOMAINS } from './domains.js';
import { gather, type Gathered } from './gather.js';

export { ROLES, type Role };
export { definePermissions, type PermissionSpec } from './permission-kit.js';

/** The three administrative roles kept apart (三权分立): no account holds two of them. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'auditor'];

/** Roles that must sign in with a TOTP second factor. */
export const TOTP_ROLES: readonly Role[] = ADMIN_ROLES;

/** Every domain's permissions, gathered (contracts/src/domains.ts). */
export const PERMISSION_SPECS = gather(DOMAINS, 'permissions') as Gathered<typeof DOMAINS, 'permissions'> & Record<string, PermissionSpec>;

export type Permission = keyof Gathered<typeof DOMAINS, 'permissions'> & string;
export const PERMISSIONS = Object.keys(PERMISSION_SPECS) as Permission[];

/**
 * What a route needs: a permission, any of several (a list), any signed-in user, or nobody at all.
 * A list serves routes whose answer is narrowed by which of them the caller holds (a ticket list).
 */
export type RouteAccess = Permission | readonly Permission[] | 'authenticated' | 'public';

function permissionsOf(role: Role): readonly Permission[] {
  return PERMISSIONS.filter((p) => (PERMISSION_SPECS[p].roles as readonly Role[]).includes(role));
}

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: permissionsOf('system_admin'),
  security_admin: permissionsOf('security_admin'),
  auditor: permissionsOf('auditor'),
  operator: permissionsOf('operator'),
  department_handler: permissionsOf('department_handler'),
  grid_worker: permissionsOf('grid_worker'),
  resident: permissionsOf('resident'),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which scope kind each role takes: a region subtree or a single grid. */
export const ROLE_SCOPE_KIND: Record<Role, 'region' | 'grid'> = {
  system_admin: 'region',
  security_admin: 'region',
  auditor: 'region',
  operator: 'region',
  department_handler: 'region',
  grid_worker: 'grid',
  resident: 'grid',
};
