/**
 * Who may do what with an export. The requester sees and downloads their own; a second person
 * with export:approve whose scope covers the export's scope sees it and decides on it. Anyone
 * else gets "not found".
 */
import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { codeInSubtree, regionInScope } from '../../platform/scope.js';
import { exportRequest } from './tables.js';

export type ExportRow = typeof exportRequest.$inferSelect;
type ScopedRow = Pick<ExportRow, 'requestedBy' | 'scopeRegionCode' | 'scopeGridId' | 'status' | 'unmask'>;

/** The export's scope (taken from its requester) lies within the actor's scope. */
export function coversScope(actor: Actor, row: Pick<ExportRow, 'scopeRegionCode' | 'scopeGridId'>): boolean {
  return codeInSubtree(row.scopeRegionCode, actor.regionPrefix) && (!actor.gridId || row.scopeGridId === actor.gridId);
}

function coversScopeSql(actor: Actor): SQL {
  const inRegion = regionInScope(actor, exportRequest.scopeRegionCode);
  return actor.gridId ? sql`(${inRegion} and ${exportRequest.scopeGridId} = ${actor.gridId})` : inRegion;
}

/** May decide on an unmasked export only who may see full personal data too. */
function mayHandle(actor: Actor, row: Pick<ExportRow, 'unmask'>): boolean {
  return !row.unmask || actor.permissions.includes('register:unmask');
}

export function canApprove(actor: Actor, row: ScopedRow): boolean {
  return (
    row.status === 'pending_approval' &&
    row.requestedBy !== actor.id &&
    actor.permissions.includes('export:approve') &&
    coversScope(actor, row) &&
    mayHandle(actor, row)
  );
}

export function canDownload(actor: Actor, row: ScopedRow): boolean {
  return row.status === 'ready' && row.requestedBy === actor.id && actor.permissions.includes('register:export') && coversScope(actor, row) && mayHandle(actor, row);
}

/** Others' exports the actor may approve (nothing without export:approve). */
export function approvableBy(actor: Actor): SQL {
  if (!actor.permissions.includes('export:approve')) return sql`false`;
  return and(ne(exportRequest.requestedBy, actor.id), coversScopeSql(actor))!;
}

/** Exports the actor may see: their own, and those they may approve. */
export function visibleTo(actor: Actor): SQL {
  return or(eq(exportRequest.requestedBy, actor.id), approvableBy(actor))!;
}
