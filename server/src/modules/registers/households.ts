/** Households (户) and their members: a resident belongs to at most one household. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type Household } from '@gridgov/contracts';
import { shapedRows, type RegisterSpec } from './engine.js';
import { assertReference, dwellingLabels, presentBase, residentNames } from './references.js';
import { plainFields } from './contact-phone.js';
import { textSearch } from './name-search.js';
import { dwelling, household, householdMember } from './tables.js';

export type HouseholdRow = typeof household.$inferSelect;

export const householdSpec: RegisterSpec<HouseholdRow, Household> = {
  kind: 'household',
  table: household,
  rows: (db, where, o) => shapedRows(db.select().from(household).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(household).set(set).where(eq(household.id, id)),
  access: REGISTER_ACCESS.household,
  // Its members are people: names and masked ID numbers.
  aboutPeople: true,
  orderBy: sql`${household.number}, ${household.id}`,
  unmaskable: {},

  async toColumns(deps, ctx, input) {
    if (input.dwellingId !== undefined) await assertReference(deps.db, ctx.actor, dwelling, input.dwellingId as string | null, 'dwellingId');
    return plainFields(input, ['number', 'kind', 'dwellingId', 'address', 'notes'] as const) as Partial<HouseholdRow>;
  },

  filters(_deps, q) {
    return [q.q ? textSearch(q.q, { name: household.number, address: household.address }) : undefined, q.kind ? eq(household.kind, q.kind) : undefined];
  },

  async present(deps, rows) {
    const ids = rows.map((r) => r.id);
    const members = ids.length
      ? await deps.db.select().from(householdMember).where(inArray(householdMember.householdId, ids)).orderBy(asc(householdMember.joinedAt))
      : [];
    const [base, labels, people] = await Promise.all([
      presentBase(deps.db, rows),
      dwellingLabels(deps.db, rows.map((r) => r.dwellingId)),
      residentNames(deps.db, members.map((m) => m.residentId)),
    ]);
    return rows.map((r) => ({
      ...base.get(r.id)!,
      number: r.number,
      kind: r.kind as Household['kind'],
      dwellingId: r.dwellingId,
      dwellingLabel: r.dwellingId ? (labels.get(r.dwellingId) ?? null) : null,
      address: r.address,
      notes: r.notes,
      members: members
        .filter((m) => m.householdId === r.id)
        .map((m) => ({
          residentId: m.residentId,
          name: people.get(m.residentId)?.name ?? '',
          idNumberMasked: people.get(m.residentId)?.idMasked ?? '',
          relation: m.relation as Household['members'][number]['relation'],
        })),
    }));
  },

  async onDelete(tx, row) {
    await tx.delete(householdMember).where(eq(householdMember.householdId, row.id));
  },
};
