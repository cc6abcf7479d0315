/**
 * The header's global search: tickets by number or words, people by name or exact ID number,
 * places (buildings, venues) by name or address. Each group is the first rows of the list the
 * caller would get on that page with the same filter, through the same functions: the same
 * scope, the same masking, the same audit entries (a page of people is an audited bulk read),
 * and an exact ID-number or phone search needs the unmask permission and spends a unit of the
 * unmask budget, as the register's exact search does.
 */
import { registerListQuery, validatePhone, type GlobalSearchResult } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { RegisterDeps } from '../registers/deps.js';
import { listRecords } from '../registers/engine.js';
import { residentSpec } from '../registers/residents.js';
import { buildingSpec } from '../registers/buildings.js';
import { venueSpec } from '../registers/venues.js';
import { listTickets } from '../tickets/queries.js';
import { worksTickets } from './todo-counts.js';

/** Hits per group. */
export const SEARCH_HITS = 5;

const ID_NUMBER_SHAPE = /^\d{17}[\dXx]$/;

/** What a search text is for people: an exact ID number, an exact phone, or a name / address. */
export function personQuery(text: string): { idNumber: string } | { phone: string } | { q: string } {
  const compact = text.replace(/\s/g, '');
  if (ID_NUMBER_SHAPE.test(compact)) return { idNumber: compact.toUpperCase() };
  const phone = validatePhone(compact);
  if (phone) return { phone };
  return { q: text };
}

export async function globalSearch(deps: RegisterDeps, ctx: ActorContext, text: string): Promise<GlobalSearchResult> {
  const { actor } = ctx;
  const result: GlobalSearchResult = {};
  if (worksTickets(actor)) {
    const found = await listTickets(deps.db, actor, { view: 'all', q: text, page: 1, pageSize: SEARCH_HITS });
    result.tickets = found.items.map((t) => ({ id: t.id, number: t.number, description: t.description, categoryName: t.categoryName, gridName: t.gridName, status: t.status }));
  }
  if (actor.permissions.includes(residentSpec.access.read)) {
    const by = personQuery(text);
    const people = await listRecords(deps, residentSpec, ctx, registerListQuery.parse({ ...by, pageSize: SEARCH_HITS }));
    result.peopleBy = 'q' in by ? 'name' : 'idNumber';
    result.people = people.items.map((p) => ({ id: p.id, name: p.name, idNumberMasked: p.idNumberMasked, gridName: p.gridName }));
    // An ID number or phone names a person, not a place.
    if ('q' in by) {
      const query = registerListQuery.parse({ q: text, pageSize: SEARCH_HITS });
      const [buildings, venues] = await Promise.all([listRecords(deps, buildingSpec, ctx, query), listRecords(deps, venueSpec, ctx, query)]);
      result.places = [
        ...buildings.items.map((b) => ({ id: b.id, kind: 'building' as const, name: b.name, address: b.address, gridName: b.gridName })),
        ...venues.items.map((v) => ({ id: v.id, kind: 'venue' as const, name: v.name, address: v.address, gridName: v.gridName })),
      ];
    }
  }
  return result;
}
