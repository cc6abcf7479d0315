import { ROLE_SCOPE_KIND, ROLES, type Role } from '@gridgov/contracts';
import { roleLabel } from '../../app/labels';
import type { Translate } from '../../i18n/i18n';

export function roleOptions(t: Translate): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

export function scopeKind(role: Role | undefined): 'region' | 'grid' {
  return role ? ROLE_SCOPE_KIND[role] : 'region';
}
