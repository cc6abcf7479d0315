import type { RegionLevel, Role, Scope } from '@gridgov/contracts';
import type { Translate } from '../i18n/i18n';

export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

export function levelLabel(t: Translate, level: RegionLevel): string {
  return t(`level.${level}`);
}

/** "芙蓉区（县区）" or "芙蓉区 · 网格 3" for a grid scope. */
export function scopeLabel(t: Translate, scope: Scope): string {
  if (scope.gridId) return `${scope.regionName} · ${scope.gridName ?? scope.gridId}`;
  return `${scope.regionName}（${levelLabel(t, scope.level)}）`;
}

export { formatDateTime } from '../shared/format';
