/**
 * What outbound call campaigns read of the registers: the residents to call (live, with a phone,
 * under a region prefix: all, a grid's, a tag's, or those whose phone or ID number hash is in a
 * list) as a SQL set for INSERT ... SELECT; the phone of one resident decrypted at dial time; and
 * the basics of a staff-recorded declaration of one resident (decrypted when the declaration is
 * written). Callers audit the decryption.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { rows } from '../../platform/db/client.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { householdMember, resident } from './tables.js';
import { maskName } from './references.js';

export type CallTarget = { kind: 'region' } | { kind: 'grid'; gridId: string } | { kind: 'tag'; tag: string } | { kind: 'hashes'; phoneHashes: readonly string[]; idHashes: readonly string[] };

/**
 * `select resident_id, household_id, grid_id, region_code, name, phone_masked, phone_hash, id_hash` (hashes as hex)
 * of the live residents with a phone under the prefix matching the target, in a stable order (grid, name, id).
 */
export function callTargetResidents(prefix: string, target: CallTarget): SQL {
  const filter =
    target.kind === 'grid'
      ? sql`and r.grid_id = ${target.gridId}::uuid`
      : target.kind === 'tag'
        ? sql`and ${target.tag} = any(r.tags)`
        : target.kind === 'hashes'
          ? sql`and (encode(r.phone_hash, 'hex') in (select jsonb_array_elements_text(${JSON.stringify(target.phoneHashes)}::jsonb))
                  or encode(r.id_hash, 'hex') in (select jsonb_array_elements_text(${JSON.stringify(target.idHashes)}::jsonb)))`
          : sql``;
  return sql`select r.id as resident_id, m.household_id, r.grid_id, r.region_code, r.name, r.phone_masked,
      encode(r.phone_hash, 'hex') as phone_hash, encode(r.id_hash, 'hex') as id_hash
    from ${resident} r left join ${householdMember} m on m.resident_id = r.id
    where r.deleted_at is null and r.phone_cipher is not null and r.region_code like ${`${prefix}%`} ${filter}
    order by r.grid_id, r.name, r.id`;
}

export { maskName as maskPersonName };

/** The resident's phone in clear, for the dialler only (null: no such live resident or no phone). */
export async function residentPhoneForDial(db: Db, vault: PiiVault, residentId: string): Promise<string | null> {
  const [r] = await rows<{ phone_cipher: Buffer | null }>(db, sql`select phone_cipher from ${resident} where id = ${residentId}::uuid and deleted_at is null`);
  return r?.phone_cipher ? vault.decrypt('phone', Buffer.from(r.phone_cipher)) : null;
}

export interface DeclarationBasics {
  name: string;
  sex: string | null;
  idType: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  nationality: string | null;
}

/** The register's basics of one resident for a declaration recorded on their behalf. */
export async function residentDeclarationBasics(db: Db, vault: PiiVault, residentId: string): Promise<DeclarationBasics | null> {
  const [r] = await rows<{ name: string; sex: string | null; id_type: string; id_cipher: Buffer; phone_cipher: Buffer | null; address: string | null; registered_address: string | null; nationality: string | null }>(
    db,
    sql`select name, sex, id_type, id_cipher, phone_cipher, address, registered_address, nationality from ${resident} where id = ${residentId}::uuid and deleted_at is null`,
  );
  if (!r) return null;
  return {
    name: r.name, sex: r.sex, idType: r.id_type, idNumber: vault.decrypt('id_number', Buffer.from(r.id_cipher)), phone: r.phone_cipher ? vault.decrypt('phone', Buffer.from(r.phone_cipher)) : null,
    address: r.address ?? r.registered_address, nationality: r.nationality,
  };
}
