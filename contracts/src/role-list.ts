/** The roles an account can hold (one each). */
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
