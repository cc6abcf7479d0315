/**
 * Roles and permissions: the one central list. Every server route declares one of
 * `Permission` (or `public` / `authenticated`), and the web console shows a menu from the
 * permissions of the signed-in user.
 */
export const ROLES = [
  'system_admin',
  'security_admin',
  'auditor',
  'operator',
  'department_handler',
  'grid_worker',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

/** The three administrative roles kept apart (三权分立): no account holds two of them. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'auditor'];

/** Roles that must sign in with a TOTP second factor. */
export const TOTP_ROLES: readonly Role[] = ADMIN_ROLES;

export const PERMISSIONS = [
  'region:read',
  'region:write',
  'grid:read',
  'grid:write',
  'user:read',
  'user:write',
  'audit:read',
  'live:read',
  /** The command-centre dashboard of the caller's region or grid. */
  'dashboard:read',
  'register:read',
  'register:write',
  /** See full ID numbers and phones, with a stated reason; every use is audited and rate-limited. */
  'register:unmask',
  'register:import',
  'register:export',
  /** Approve another person's large export (two-person rule). */
  'export:approve',
  /** Report a problem (residents, grid workers, operators). */
  'ticket:report',
  /** See tickets in scope (a handler: those dispatched to their department; a resident: their own). */
  'ticket:read',
  /** Accept, dispatch, transfer, close, escalate, supervise, summon (command-centre operators). */
  'ticket:dispatch',
  /** Sign for, handle, report back, ask for more time, check in to a summons (department handlers). */
  'ticket:handle',
  /** Categories, time limits, departments, Open311 clients. */
  'ticket:config',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a route needs: a permission, any signed-in user, or nobody at all. */
export type RouteAccess = Permission | 'authenticated' | 'public';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Runs the system: the region tree and grids. Cannot read the audit log.
  system_admin: ['region:read', 'region:write', 'grid:read', 'grid:write', 'ticket:config'],
  // Manages accounts, roles, scopes, lockouts. Cannot change regions or read the audit log.
  security_admin: ['region:read', 'user:read', 'user:write'],
  // Reads the audit log, nothing else.
  auditor: ['audit:read', 'region:read'],
  operator: [
    'region:read', 'grid:read', 'user:read', 'live:read', 'dashboard:read',
    'register:read', 'register:write', 'register:unmask', 'register:import', 'register:export', 'export:approve',
    'ticket:report', 'ticket:read', 'ticket:dispatch',
  ],
  department_handler: ['region:read', 'grid:read', 'live:read', 'register:read', 'ticket:read', 'ticket:handle'],
  // Keeps their own grid's registers up to date from door-to-door visits; no bulk import or export.
  // Reports and handles small matters in the grid (小事不出网格).
  grid_worker: ['region:read', 'grid:read', 'live:read', 'dashboard:read', 'register:read', 'register:write', 'ticket:report', 'ticket:read', 'ticket:handle'],
  resident: ['ticket:report', 'ticket:read'],
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
