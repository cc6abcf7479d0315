/** Venues (场所) with the code residents scan to check in, and key places (重点场所). */
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type Venue } from '@gridgov/contracts';
import { shapedRows, type RegisterSpec } from './engine.js';
import { presentBase } from './references.js';
import { contactPhoneColumns, plainFields } from './contact-phone.js';
import { textSearch } from './name-search.js';
import { venue } from './tables.js';

export type VenueRow = typeof venue.$inferSelect;

/** Crockford-style alphabet: no I, L, O or U to misread on a poster. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A venue code: 'V' and 10 random characters (50 bits), unique by index. */
export function newVenueCode(): string {
  let code = 'V';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const venueSpec: RegisterSpec<VenueRow, Venue> = {
  kind: 'venue',
  table: venue,
  rows: (db, where, o) => shapedRows(db.select().from(venue).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(venue).set(set).where(eq(venue.id, id)),
  access: REGISTER_ACCESS.venue,
  aboutPeople: false,
  orderBy: sql`${venue.name}, ${venue.id}`,
  unmaskable: { contactPhone: { stored: (r) => r.contactPhoneCipher, field: 'phone' } },
  point: { lon: venue.lon, lat: venue.lat, name: sql<string>`${venue.name}`, kind: venue.kind },

  async toColumns(deps, _ctx, input, current) {
    return {
      ...plainFields(input, ['name', 'kind', 'address', 'lon', 'lat', 'keyPlace', 'keyReason', 'contactName', 'notes'] as const),
      ...contactPhoneColumns(deps.vault, input.contactPhone),
      ...(current ? {} : { venueCode: newVenueCode() }),
    } as Partial<VenueRow>;
  },

  filters(_deps, q) {
    return [
      q.q ? textSearch(q.q, { name: venue.name, address: venue.address }) : undefined,
      q.kind ? eq(venue.kind, q.kind) : undefined,
      q.keyPlace ? eq(venue.keyPlace, q.keyPlace === 'true') : undefined,
    ];
  },

  async present(deps, rows) {
    const base = await presentBase(deps.db, rows);
    return rows.map((r) => ({
      ...base.get(r.id)!,
      name: r.name,
      kind: r.kind as Venue['kind'],
      address: r.address,
      lon: r.lon,
      lat: r.lat,
      venueCode: r.venueCode,
      keyPlace: r.keyPlace,
      keyReason: r.keyReason,
      contactName: r.contactName,
      contactPhoneMasked: r.contactPhoneMasked,
      notes: r.notes,
    }));
  },
};
