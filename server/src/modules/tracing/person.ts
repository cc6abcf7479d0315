/**
 * Who a case or an interview's contact is: a registered resident of the caller's scope (by id),
 * or a name and a document number. A document that matches a live resident is keyed by the
 * resident (as check-ins and arrivals are, so tracing finds their check-ins and trips) but placed
 * where the caller is unless the resident is in the caller's scope: nothing about a resident
 * outside it (the name on the register, the grid) is shown or confirmed to the caller.
 */
import type { z } from 'zod';
import type { casePerson } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { placeInScope } from '../../platform/scope.js';
import { protect } from '../registers/personal-data.js';
import { checkDocument, residentsByIdHash } from '../registers/bulk-writer.js';
import { residentFacts } from '../registers/person-facts.js';
import { documentKey } from '../checkins/index.js';

export interface ResolvedPerson {
  personKey: string;
  residentId: string | null;
  /** Given for a document (kept; shown masked); null for a resident picked by id. */
  name: string | null;
  id: { cipher: Buffer; hash: Buffer; masked: string } | null;
  regionCode: string;
  gridId: string | null;
}

export async function resolvePerson(kit: Pick<Kit, 'db' | 'vault'>, ctx: ActorContext, person: z.infer<typeof casePerson>, field: string): Promise<ResolvedPerson> {
  const here = { regionCode: ctx.actor.regionCode, gridId: ctx.actor.gridId };
  if ('residentId' in person) {
    const r = (await residentFacts(kit.db, [person.residentId])).get(person.residentId);
    if (!r || !placeInScope(ctx.actor, r)) throw new AppError('CASE_PERSON_UNKNOWN', { fields: [{ field: `${field}.residentId`, code: 'CASE_PERSON_UNKNOWN' }] });
    return { personKey: r.id, residentId: r.id, name: null, id: null, regionCode: r.regionCode, gridId: r.gridId };
  }
  const checked = checkDocument(person.idNumber, ctx.clock.now());
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `${field}.idNumber`, code: checked.code }] });
  const id = protect(kit.vault, 'id_number', checked.value.idNumber);
  const match = (await residentsByIdHash(kit.db, [id.hash])).get(id.hash.toString('hex'));
  const place = match && placeInScope(ctx.actor, match) ? { regionCode: match.regionCode, gridId: match.gridId } : here;
  return { personKey: match?.id ?? documentKey(id.hash), residentId: match?.id ?? null, name: person.name, id, ...place };
}
