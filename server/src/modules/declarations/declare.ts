/**
 * A declaration is made: the answers are validated against the published `declarations.self`
 * (forms as data, the same engine as the browser), the personal fields are taken out and kept
 * encrypted, hashed and masked, the person is matched to the resident register by the ID
 * number's keyed hash (and so to a household and a grid), and the form's alert rules decide
 * whether it is abnormal. Unmatched declarations are kept: placed in the grid of the location
 * given, else in the community given, for follow-up.
 *
 * The daily rule: one current daily declaration per person and day. A second one the same day
 * replaces the first (the latest is what counts, as a resident correcting a temperature
 * expects); the first is kept, marked superseded, and both are audited. "Once" declarations
 * (an arrival, a one-off report) are never replaced.
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { documentKey } from '../checkins/index.js';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { DECLARATION_FORM_KEY, DECLARATION_PERSON_FIELDS, maskIdNumber, type DeclarationMode, type DeclarationReceipt, type DeclarationSource, type RaisedAlert } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import type { Kit } from '../../platform/kit/kit.js';
import { runReactions } from '../../platform/workflow/workflow.js';
import type { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import { codeInSubtree } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { checkIdentity, checkPhone, protect } from '../registers/personal-data.js';
import { residentsByIdHash } from '../registers/bulk-writer.js';
import { gridLocator } from '../grids/grid-index.js';
import { declaration } from './tables.js';

export const RESIDENT_ID_CARD = '111';
export type DeclarationRow = typeof declaration.$inferSelect;

export interface DeclareInput {
  mode: DeclarationMode;
  regionCode?: string;
  formVersion?: number;
  answers: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const maskDocument = (v: string) => (v.length <= 4 ? '*'.repeat(v.length) : `${v.slice(0, 2)}${'*'.repeat(v.length - 4)}${v.slice(-2)}`);
const personError = (field: string, code: string) => new AppError('DECLARATION_PERSON_INVALID', { fields: [{ field: `answers.${field}`, code }] });

/** The document's keyed hash as the registers store an ID card's (so it matches a resident); other documents by type and number. */
export function documentOf(kit: Pick<Kit, 'vault'>, answers: Record<string, unknown>, now: Date) {
  const F = DECLARATION_PERSON_FIELDS;
  const idType = str(answers[F.idType]) ?? RESIDENT_ID_CARD;
  if (idType === RESIDENT_ID_CARD) {
    const checked = checkIdentity('id_card', str(answers[F.idNumber]) ?? '', {}, now);
    if (!checked.ok) throw personError(F.idNumber, checked.code);
    return { idType, ...protect(kit.vault, 'id_number', checked.value.idNumber), masked: maskIdNumber(checked.value.idNumber) };
  }
  const number = str(answers[F.docNumber])?.toUpperCase();
  if (!number) throw personError(F.docNumber, 'FORM_REQUIRED');
  return { idType, cipher: kit.vault.encrypt('id_number', number), hash: kit.vault.hash('id_number', `${idType}:${number}`), masked: maskDocument(number) };
}

export function phoneOf(kit: Pick<Kit, 'vault'>, answers: Record<string, unknown>) {
  const checked = checkPhone(str(answers[DECLARATION_PERSON_FIELDS.phone]) ?? '');
  if (!checked.ok) throw personError(DECLARATION_PERSON_FIELDS.phone, checked.code);
  return protect(kit.vault, 'phone', checked.value);
}

export interface DeclareOptions {
  source: DeclarationSource;
  /** Per person (document hash) per day, all processes. */
  perPerson: SharedRateLimiter | null;
  /** Resolves a community code the caller may place an unmatched declaration in (null: refused). */
  community(code: string): Promise<string | null>;
}

export async function declare(kit: Kit, ctx: RequestContext, input: DeclareInput, options: DeclareOptions): Promise<DeclarationReceipt> {
  const { db } = kit;
  const now = ctx.clock.now();
  const day = localDate(now);
  const submission = await validateSubmission(db, DECLARATION_FORM_KEY, input.formVersion, input.answers, day, ctx.locale).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORM_RETIRED')) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'formVersion', code: 'DECLARATION_FORM_VERSION_INVALID' }] });
    throw error;
  });
  const value = submission.value as Record<string, unknown>;
  const doc = documentOf(kit, value, now);
  const phone = phoneOf(kit, value);
  await options.perPerson?.hit(doc.hash.toString('hex'));

  // Matched to the register by the ID card's keyed hash: the resident's grid and household.
  const person = doc.idType === RESIDENT_ID_CARD ? (await residentsByIdHash(db, [doc.hash])).get(doc.hash.toString('hex')) : undefined;
  let place: { regionCode: string; gridId: string | null };
  if (person) place = { regionCode: person.regionCode, gridId: person.gridId };
  else place = await placeUnmatched(kit, ctx, value, input.regionCode, options);

  const F = DECLARATION_PERSON_FIELDS;
  const stored = Object.fromEntries(Object.entries(value).filter(([k]) => !Object.values(F).includes(k as never)));
  const alerts: RaisedAlert[] = submission.alerts;
  const temperature = typeof value.temperature === 'number' ? value.temperature : null;
  const row: DeclarationRow = {
    id: randomUUID(), mode: input.mode, source: options.source, day, declaredAt: now, formKey: DECLARATION_FORM_KEY, formVersion: submission.version, answers: stored,
    name: str(value[F.name]) ?? '', idType: doc.idType, idNumberHash: doc.hash, idNumberCipher: doc.cipher, idNumberMasked: doc.masked, phoneHash: phone.hash, phoneCipher: phone.cipher, phoneMasked: phone.masked,
    regionCode: place.regionCode, gridId: place.gridId, residentId: person?.id ?? null, householdId: person?.householdId ?? null, temperature, abnormal: alerts.length > 0, alerts,
    recordedBy: options.source === 'phone' ? (ctx.actor?.id ?? null) : null, supersededBy: null, supersededAt: null,
  };

  // Two daily declarations of one person at the same moment: the unique index refuses the second, which then replaces the first.
  for (let attempt = 0; ; attempt++) {
    try {
      const replaced = await db.transaction((tx) => save(kit, tx, ctx, row));
      return receiptOf(row, replaced !== null);
    } catch (error) {
      if (attempt === 0 && isUniqueViolation(error, 'declaration_daily_uq')) continue;
      throw error;
    }
  }
}

async function save(kit: Kit, tx: Db, ctx: RequestContext, row: DeclarationRow): Promise<string | null> {
  let replaced: { id: string; regionCode: string } | undefined;
  if (row.mode === 'daily') {
    [replaced] = await tx
      .update(declaration)
      .set({ supersededBy: row.id, supersededAt: row.declaredAt })
      .where(and(eq(declaration.idNumberHash, row.idNumberHash), eq(declaration.day, row.day), eq(declaration.mode, 'daily'), isNull(declaration.supersededBy)))
      .returning({ id: declaration.id, regionCode: declaration.regionCode });
  }
  await tx.insert(declaration).values(row);
  const alertKeys = (row.alerts as RaisedAlert[]).map((a) => a.key);
  await writeAudit(tx, ctx, {
    action: 'declaration.create', objectType: 'declaration', objectId: row.id, ...(row.residentId ? { subject: row.residentId } : {}), regionCode: row.regionCode,
    details: { form: `${row.formKey}@${row.formVersion}`, mode: row.mode, source: row.source, matched: row.residentId !== null, abnormal: row.abnormal, alerts: alertKeys, replaces: replaced?.id ?? null },
  });
  if (replaced) await writeAudit(tx, ctx, { action: 'declaration.replace', objectType: 'declaration', objectId: replaced.id, regionCode: replaced.regionCode, details: { by: row.id } });
  // What the person declared is evidence for their health code (kit/evidence.ts): recomputed in this transaction.
  await evidenceChanged(kit, tx, [row.residentId ?? documentKey(row.idNumberHash)], row.declaredAt);
  // A matched household declared: modules that visit households hear of it (survey campaigns close or reopen its visit).
  if (row.householdId) await runReactions(kit, tx, { kind: 'household', id: row.householdId, action: 'declare', from: '', to: row.abnormal ? 'flagged' : 'declared', now: row.declaredAt, ctx });
  return replaced?.id ?? null;
}

/** An unmatched declaration's place: the grid of the location given, else the community given (the caller may be refused it). */
async function placeUnmatched(kit: Kit, ctx: RequestContext, value: Record<string, unknown>, regionCode: string | undefined, options: DeclareOptions) {
  const point = value.place as { lon?: number; lat?: number } | undefined;
  const actor = ctx.actor;
  if (point && typeof point.lon === 'number' && typeof point.lat === 'number') {
    const grid = await gridLocator(kit).lookup(point.lon, point.lat);
    if (grid && (!actor || (codeInSubtree(grid.regionCode, actor.regionPrefix) && (!actor.gridId || actor.gridId === grid.id)))) return { regionCode: grid.regionCode, gridId: grid.id };
  }
  if (!regionCode) throw new AppError('DECLARATION_REGION_REQUIRED', { fields: [{ field: 'regionCode', code: 'DECLARATION_REGION_REQUIRED' }] });
  const community = await options.community(regionCode);
  if (!community) throw new AppError('DECLARATION_REGION_INVALID', { fields: [{ field: 'regionCode', code: 'DECLARATION_REGION_INVALID' }] });
  // A grid worker taking a call places it in their own grid.
  return { regionCode: community, gridId: actor?.gridId ?? null };
}

export function receiptOf(row: DeclarationRow, replaced: boolean): DeclarationReceipt {
  return {
    id: row.id, mode: row.mode as DeclarationMode, source: row.source as DeclarationSource, day: row.day, declaredAt: row.declaredAt.toISOString(), name: row.name,
    idNumberMasked: row.idNumberMasked, phoneMasked: row.phoneMasked, formKey: row.formKey, formVersion: row.formVersion, answers: row.answers, abnormal: row.abnormal,
    alerts: row.alerts as RaisedAlert[], replaced,
  };
}
