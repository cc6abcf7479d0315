/**
 * The cache keys of every read, per domain. A key is a path from the domain down to one answer,
 * so invalidating a prefix refreshes everything under it: `registerKeys.kind('resident')` covers
 * the resident lists, records, histories and map points; `ticketKeys.detail(id)` a ticket and
 * its timeline. Parameters go last, as plain objects (blank values dropped, so `{ q: '' }` and
 * `{}` share an answer). A module adds its own `<domain>Keys` here.
 */
import type { RegisterKind } from '@gridgov/contracts';

type Params = Record<string, unknown>;

/** Parameters without the blank values (undefined, null, ''), for keys that do not depend on how a form spells "nothing". */
export function keyParams<P extends object>(params: P): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    out[name] = value;
  }
  return out;
}

export const configKeys = {
  all: ['config'] as const,
  map: () => ['config', 'map'] as const,
};

export const regionKeys = {
  all: ['regions'] as const,
  /** Children of a region; `null`: the caller's scope roots. */
  children: (parent: string | null, includeRevoked: boolean) => ['regions', 'children', parent, { includeRevoked }] as const,
  detail: (code: string) => ['regions', 'detail', code] as const,
};

export const gridKeys = {
  all: ['grids'] as const,
  lists: () => ['grids', 'list'] as const,
  list: (params: Params) => ['grids', 'list', keyParams(params)] as const,
  detail: (id: string) => ['grids', 'detail', id] as const,
  /** Polygons of a region (null: the whole scope). */
  shapes: (region: string | null) => ['grids', 'shapes', region] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: (params: Params) => ['users', 'list', keyParams(params)] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: Params) => ['audit', 'list', keyParams(params)] as const,
};

export const registerKeys = {
  all: ['registers'] as const,
  kind: (kind: RegisterKind) => ['registers', kind] as const,
  lists: (kind: RegisterKind) => ['registers', kind, 'list'] as const,
  list: (kind: RegisterKind, params: Params) => ['registers', kind, 'list', keyParams(params)] as const,
  detail: (kind: RegisterKind, id: string) => ['registers', kind, 'detail', id] as const,
  history: (kind: RegisterKind, id: string) => ['registers', kind, 'history', id] as const,
  points: (kind: RegisterKind, params: Params) => ['registers', kind, 'points', keyParams(params)] as const,
  /** Residents per grid (the residents' choropleth). */
  gridCounts: (region: string | null) => ['registers', 'resident', 'grid-counts', region] as const,
};

export const transferKeys = {
  all: ['transfers'] as const,
  exports: (view: string, status: string | null) => ['transfers', 'exports', view, status] as const,
  imports: (page: number, pageSize: number) => ['transfers', 'imports', { page, pageSize }] as const,
};

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (params: Params) => ['tickets', 'list', keyParams(params)] as const,
  /** The reporter's own tickets, page after page (the portal's 我的反映). */
  mine: (pageSize: number) => ['tickets', 'list', 'mine', { pageSize }] as const,
  /** The dispatch desk: the queue and every open ticket, read together. */
  desk: () => ['tickets', 'list', 'desk'] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  timeline: (id: string) => ['tickets', 'detail', id, 'timeline'] as const,
  /** The intake pre-check (suggested categories, possible duplicates) of a text at a point. */
  check: (params: Params) => ['tickets', 'check', keyParams(params)] as const,
  categories: () => ['tickets', 'categories'] as const,
  departments: () => ['tickets', 'departments'] as const,
  notifications: () => ['tickets', 'notifications'] as const,
  summonsBoards: () => ['tickets', 'summonses'] as const,
  summonses: (status: string) => ['tickets', 'summonses', status] as const,
  bulletin: (params: Params) => ['tickets', 'bulletin', keyParams(params)] as const,
  /** A report followed without an account, by its tracking token. */
  tracked: (token: string) => ['tickets', 'tracked', token] as const,
};

export const dashboardKeys = {
  all: ['dashboard'] as const,
  /** Everything of one place (`own`, `region:<code>`, `grid:<id>`): a refresh invalidates this. */
  place: (place: string) => ['dashboard', place] as const,
  figure: (place: string, figure: string) => ['dashboard', place, figure] as const,
  points: (place: string, layer: string) => ['dashboard', place, 'points', layer] as const,
};

/** The console frame's reads: the menu's to-do counts (under `tickets`, so a ticket's change refreshes them) and the header's search. */
export const navigationKeys = {
  todoCounts: () => ['tickets', 'todo-counts'] as const,
  search: (q: string) => ['search', q] as const,
  gridOptions: (q: string) => ['users', 'grid-options', q] as const,
};
