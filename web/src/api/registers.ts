/** The base registers: one set of calls for every register, plus household and organisation links. */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  REGISTER_PATHS,
  type Building,
  type Dwelling,
  type Facility,
  type HistoryEntry,
  type Household,
  type Organization,
  type RegisterKind,
  type Resident,
  type Venue,
  type addEmployeeRequest,
  type addMemberRequest,
  type buildingInput,
  type buildingUpdate,
  type dwellingInput,
  type dwellingUpdate,
  type facilityInput,
  type facilityUpdate,
  type gridCounts,
  type householdInput,
  type householdUpdate,
  type organizationInput,
  type organizationUpdate,
  type registerListQuery,
  type registerPoints,
  type registerPointsQuery,
  type residentInput,
  type residentUpdate,
  type unmaskRequest,
  type unmaskResponse,
  type UNMASK_FIELDS,
  type venueInput,
  type venueUpdate,
} from '@gridgov/contracts';
import { api } from './client';
import { registerKeys } from './keys';
import type { Page } from './types';

/** Record, create body and update body of each register, from the contracts. */
export interface RegisterShapes {
  resident: { record: Resident; input: z.input<typeof residentInput>; update: z.input<typeof residentUpdate> };
  household: { record: Household; input: z.input<typeof householdInput>; update: z.input<typeof householdUpdate> };
  building: { record: Building; input: z.input<typeof buildingInput>; update: z.input<typeof buildingUpdate> };
  dwelling: { record: Dwelling; input: z.input<typeof dwellingInput>; update: z.input<typeof dwellingUpdate> };
  venue: { record: Venue; input: z.input<typeof venueInput>; update: z.input<typeof venueUpdate> };
  facility: { record: Facility; input: z.input<typeof facilityInput>; update: z.input<typeof facilityUpdate> };
  organization: { record: Organization; input: z.input<typeof organizationInput>; update: z.input<typeof organizationUpdate> };
}

export type RegisterRecord<K extends RegisterKind> = RegisterShapes[K]['record'];
export type RegisterInput<K extends RegisterKind> = RegisterShapes[K]['input'];
export type RegisterUpdate<K extends RegisterKind> = RegisterShapes[K]['update'];
/** An update without its version: what a form produces; the version is added when sending. */
export type RegisterPatch<K extends RegisterKind> = Omit<RegisterUpdate<K>, 'version'>;

export type RegisterListParams = Partial<z.output<typeof registerListQuery>>;
/** The filters of a list, without paging: also what an export takes. */
export type RegisterFilters = Omit<RegisterListParams, 'page' | 'pageSize'>;
export type RegisterPointsParams = Partial<z.output<typeof registerPointsQuery>>;
export type RegisterPoints = z.output<typeof registerPoints>;
export type RegisterPoint = RegisterPoints['items'][number];
export type GridCounts = z.output<typeof gridCounts>;
export type UnmaskField = (typeof UNMASK_FIELDS)[number];
export type UnmaskRequest = z.input<typeof unmaskRequest>;
export type UnmaskResponse = z.output<typeof unmaskResponse>;
export type AddMemberRequest = z.input<typeof addMemberRequest>;
export type AddEmployeeRequest = z.input<typeof addEmployeeRequest>;

/** The registers that have map points (GET /api/<register>/points). */
export const POINT_REGISTERS: readonly RegisterKind[] = ['building', 'venue', 'facility', 'organization'];

function base(kind: RegisterKind): string {
  return `/${REGISTER_PATHS[kind]}`;
}

function one(kind: RegisterKind, id: string, rest = ''): string {
  return `${base(kind)}/${encodeURIComponent(id)}${rest}`;
}

export const registersApi = {
  list: <K extends RegisterKind>(kind: K, params: RegisterListParams, signal?: AbortSignal) =>
    api.get<Page<RegisterRecord<K>>>(base(kind), { ...params }, signal),
  get: <K extends RegisterKind>(kind: K, id: string, signal?: AbortSignal) => api.get<RegisterRecord<K>>(one(kind, id), undefined, signal),
  history: (kind: RegisterKind, id: string, signal?: AbortSignal) => api.get<{ items: HistoryEntry[] }>(one(kind, id, '/history'), undefined, signal),
  create: <K extends RegisterKind>(kind: K, body: RegisterInput<K>) => api.post<RegisterRecord<K>>(base(kind), body),
  update: <K extends RegisterKind>(kind: K, id: string, body: RegisterUpdate<K>) => api.patch<RegisterRecord<K>>(one(kind, id), body),
  remove: (kind: RegisterKind, id: string) => api.delete<unknown>(one(kind, id)),
  unmask: (kind: RegisterKind, id: string, body: UnmaskRequest) => api.post<UnmaskResponse>(one(kind, id, '/unmask'), body),
  points: (kind: RegisterKind, params: RegisterPointsParams, signal?: AbortSignal) =>
    api.get<RegisterPoints>(`${base(kind)}/points`, { ...params }, signal),
  gridCounts: (region: string | undefined, signal?: AbortSignal) => api.get<GridCounts>('/residents/grid-counts', { region }, signal),

  addMember: (householdId: string, body: AddMemberRequest) => api.post<Household>(one('household', householdId, '/members'), body),
  removeMember: (householdId: string, residentId: string) =>
    api.delete<Household>(one('household', householdId, `/members/${encodeURIComponent(residentId)}`)),
  addEmployee: (organizationId: string, body: AddEmployeeRequest) =>
    api.post<Organization>(one('organization', organizationId, '/employees'), body),
  removeEmployee: (organizationId: string, residentId: string) =>
    api.delete<Organization>(one('organization', organizationId, `/employees/${encodeURIComponent(residentId)}`)),
};

export const registerQueries = {
  list: <K extends RegisterKind>(kind: K, params: RegisterListParams) =>
    queryOptions({ queryKey: registerKeys.list(kind, { ...params }), queryFn: ({ signal }) => registersApi.list(kind, params, signal) }),
  /** One record. A resident's every read is audited: pages keep what they read instead of reading again. */
  detail: <K extends RegisterKind>(kind: K, id: string) =>
    queryOptions({ queryKey: registerKeys.detail(kind, id), queryFn: ({ signal }) => registersApi.get(kind, id, signal) }),
  points: (kind: RegisterKind, params: RegisterPointsParams) =>
    queryOptions({ queryKey: registerKeys.points(kind, { ...params }), queryFn: ({ signal }) => registersApi.points(kind, params, signal) }),
  gridCounts: (region: string | undefined) =>
    queryOptions({ queryKey: registerKeys.gridCounts(region ?? null), queryFn: ({ signal }) => registersApi.gridCounts(region, signal) }),
};

/**
 * After a write to a register: its lists, map points and histories are read again; the record
 * written is put in place from the answer (so a resident is not read, and audited, once more),
 * a deleted one forgotten. Households and organisations show their residents, so a change of a
 * resident refreshes them too.
 */
export function registerChanged<K extends RegisterKind>(
  client: QueryClient,
  kind: K,
  change: { saved?: RegisterRecord<K>; removedId?: string } = {},
): Promise<unknown> {
  if (change.saved) client.setQueryData(registerKeys.detail(kind, change.saved.id), change.saved);
  if (change.removedId) client.removeQueries({ queryKey: registerKeys.detail(kind, change.removedId) });
  const kinds: RegisterKind[] = kind === 'resident' ? ['resident', 'household', 'organization'] : [kind];
  const isOwnRecord = (key: readonly unknown[]) => key[1] === kind && key[2] === 'detail';
  return Promise.all(kinds.map((each) => client.invalidateQueries({ queryKey: registerKeys.kind(each), predicate: (query) => !isOwnRecord(query.queryKey) })));
}
