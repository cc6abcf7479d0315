/**
 * Codes: one's own (request and issue, the health information query with the reason), the list
 * of codes in scope and one person's reason for a stated purpose (operators of the region, grid
 * workers of the grid; audited with the purpose), and trip declarations.
 */
import { accountPerson } from '../registers/account-identity.js';
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { CodeColour, CodeDetail, CodeEvidence, CodeLookupRequest, CodeSummary, HealthCodeListQuery, OwnCode, TripRequest } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { protect } from '../registers/personal-data.js';
import { checkDocument, residentsByIdHash } from '../registers/bulk-writer.js';
import { documentKey } from '../checkins/index.js';
import { NEW_TOKEN, personSet, recomputeCodes } from './recompute.js';
import { healthCode, healthCorrection, healthTrip } from './tables.js';

export type CodeRow = typeof healthCode.$inferSelect;

export const CODE_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'healthcode:read',
    where: (actor) => sql`(${healthCode.regionCode} is not null and ${gridRecordInScope(actor, healthCode.regionCode, healthCode.gridId)})`,
    test: (actor, c) => placeInScope(actor, c),
  },
];

export const codeScope = (c: Pick<CodeRow, 'regionCode' | 'gridId' | 'colour'>): RecordScope => ({ record: 'health_code', regionCode: c.regionCode ?? '', gridId: c.gridId, state: c.colour });

const evidenceOf = (row: CodeRow): CodeEvidence[] => (Array.isArray(row.evidence) ? (row.evidence as CodeEvidence[]) : []);

export function summary(row: CodeRow): CodeSummary {
  return {
    id: row.personKey,
    colour: row.colour as CodeColour,
    ruleVersion: row.ruleVersion,
    line: row.line,
    kinds: [...new Set(evidenceOf(row).map((e) => e.kind))],
    regionCode: row.regionCode,
    gridId: row.gridId,
    computedAt: row.computedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
  };
}

async function ownRow(db: Db, personKey: string): Promise<CodeRow | undefined> {
  const [row] = await db.select().from(healthCode).where(eq(healthCode.personKey, personKey));
  return row;
}

async function present(db: Db, row: CodeRow): Promise<OwnCode> {
  const [correction] = await db.select().from(healthCorrection).where(eq(healthCorrection.personKey, row.personKey)).orderBy(desc(healthCorrection.createdAt)).limit(1);
  return {
    colour: row.colour as CodeColour,
    validUntil: row.validUntil.toISOString(),
    computedAt: row.computedAt.toISOString(),
    token: row.token,
    ruleVersion: row.ruleVersion,
    line: row.line,
    evidence: evidenceOf(row),
    override: row.override === 1,
    correction: correction ? { id: correction.id, status: correction.status as 'pending', reviewNote: correction.reviewNote } : null,
  };
}

/** 健康信息查询: one's own code with its reason (a portal account's person: the resident or document it gave as its real name, else the account; `accountPerson`). */
/** The person a portal account is (its real name's resident or document, else the account itself). */
export const ownKey = async (db: Db, ctx: ActorContext) => (await accountPerson(db, ctx.actor.id)).personKey;

export async function ownCode(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<OwnCode> {
  const row = await ownRow(kit.db, await ownKey(kit.db, ctx));
  if (!row?.issuedAt) throw new AppError('HEALTHCODE_NOT_ISSUED');
  return present(kit.db, row);
}

/** 健康码调用申请 and 制码: computes one's code now and issues it (a new token when `rotate`); audited. */
export async function requestCode(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, rotate: boolean): Promise<OwnCode> {
  const now = ctx.clock.now();
  const key = await ownKey(kit.db, ctx);
  await kit.db.transaction(async (tx) => {
    await recomputeCodes(kit, tx, personSet([key]), now);
    await tx
      .update(healthCode)
      .set({
        issuedAt: sql`coalesce(${healthCode.issuedAt}, ${now})`,
        // A code no evidence placed is placed where the account lives (the old values are read on both lines).
        regionCode: sql`coalesce(${healthCode.regionCode}, ${ctx.actor.regionCode})`,
        gridId: sql`case when ${healthCode.regionCode} is null then ${ctx.actor.gridId}::uuid else ${healthCode.gridId} end`,
        ...(rotate ? { token: NEW_TOKEN } : {}),
      })
      .where(eq(healthCode.personKey, key));
    await writeAudit(tx, ctx, { action: 'healthcode.issue', objectType: 'health_code', objectId: key, subject: key, details: { rotate } });
  });
  return present(kit.db, (await ownRow(kit.db, key))!);
}

/** 用户行程申报: a trip one made; it is evidence at once (an origin in a risk area changes the code). */
export async function declareTrip(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, input: TripRequest): Promise<OwnCode> {
  const now = ctx.clock.now();
  const arrivedAt = new Date(input.arrivedAt);
  if (arrivedAt.getTime() > now.getTime() + 60_000) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'arrivedAt', code: 'VALIDATION_FAILED' }] });
  const key = await ownKey(kit.db, ctx);
  const id = randomUUID();
  await kit.db.transaction(async (tx) => {
    await tx.insert(healthTrip).values({ id, personKey: key, origin: input.origin, transport: input.transport ?? null, arrivedAt, createdAt: now });
    await writeAudit(tx, ctx, { action: 'healthcode.trip', objectType: 'health_trip', objectId: id, subject: key });
    await evidenceChanged(kit, tx, [key], now);
  });
  return requestCode(kit, ctx, false);
}

export async function listCodes(kit: Pick<Kit, 'db'>, ctx: ActorContext, q: HealthCodeListQuery) {
  const { page, pageSize, ...f } = q;
  const where = and(recordVisible(ctx.actor, CODE_VISIBILITY), f.colour ? eq(healthCode.colour, f.colour) : undefined);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(healthCode).where(where).orderBy(desc(healthCode.computedAt), healthCode.personKey).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(healthCode).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'healthcode.list', objectType: 'health_code', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: found.map(summary), total: Number(total?.n ?? 0), page, pageSize };
}

export async function loadCode(db: Db, ctx: ActorContext, personKey: string): Promise<CodeRow> {
  const [row] = await db.select().from(healthCode).where(and(eq(healthCode.personKey, personKey), recordVisible(ctx.actor, CODE_VISIBILITY)));
  if (!row) throw notFound();
  return row;
}

/** One person's code with the rule line and evidence that made it, for a stated purpose; audited with it. */
export async function readCode(kit: Pick<Kit, 'db'>, ctx: ActorContext, personKey: string, purpose: string | undefined): Promise<CodeDetail> {
  const row = await loadCode(kit.db, ctx, personKey);
  if (!purpose) throw new AppError('HEALTHCODE_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'HEALTHCODE_PURPOSE_REQUIRED' }] });
  await writeAudit(kit.db, ctx, { action: 'healthcode.read', objectType: 'health_code', objectId: personKey, subject: personKey, regionCode: row.regionCode ?? undefined, details: { purpose, colour: row.colour, line: row.line, ruleVersion: row.ruleVersion } });
  return { ...summary(row), evidence: evidenceOf(row), override: row.override === 1 };
}

/**
 * A person's code found by their document number: keyed as every source keys it (the resident
 * holding the document, else the document itself), then read as `readCode` reads it (in scope,
 * with the purpose, audited). A code out of scope and no code answer the same HEALTHCODE_LOOKUP_NONE.
 */
export async function lookupCode(kit: Pick<Kit, 'db' | 'vault'>, ctx: ActorContext, q: CodeLookupRequest): Promise<CodeDetail> {
  const checked = checkDocument(q.idNumber, ctx.clock.now());
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'idNumber', code: checked.code }] });
  const { hash } = protect(kit.vault, 'id_number', checked.value.idNumber);
  const resident = (await residentsByIdHash(kit.db, [hash])).get(hash.toString('hex'));
  return readCode(kit, ctx, resident?.id ?? documentKey(hash), q.purpose).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? new AppError('HEALTHCODE_LOOKUP_NONE') : e;
  });
}

export const codeInScope = (actor: ActorContext['actor'], row: CodeRow) => !!row.regionCode && codeInSubtree(row.regionCode, actor.regionPrefix);
