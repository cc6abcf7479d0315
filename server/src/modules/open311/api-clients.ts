/**
 * Open311 API clients: one key each, shown once when created; only its SHA-256 is stored. A
 * client files and reads requests within its region subtree. The demo client's key is derived
 * from a fixed secret so the key printed at demo start-up stays the same across restarts; it is
 * refused outside demo mode.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { divisionPrefix } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { currentRegionCodes, findCurrentRegion } from '../regions/queries.js';
import { apiClient } from './tables.js';
import { Open311Error } from './errors.js';

export interface ApiClient {
  id: string;
  name: string;
  /** 12-digit code of the region the client may file in and read from. */
  regionCode: string;
  /** Every region code in the subtree starts with this. */
  regionPrefix: string;
}

export const DEMO_CLIENT_ID = '00000000-0000-4000-8000-000000000311';
const DEMO_SECRET = 'gridgov-demo-open311-v1';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return `o311_${randomBytes(24).toString('base64url')}`;
}

/** The demo key for a region: the same on every start, and public knowledge, hence demo only. */
export function demoOpen311Key(regionCode: string): string {
  return `o311_demo_${createHmac('sha256', DEMO_SECRET).update(regionCode).digest('hex').slice(0, 32)}`;
}

/** Creates a client and answers its key: the only time the key is seen. */
export async function createApiClient(db: Db, ctx: RequestContext, input: { name: string; regionCode: string }): Promise<ApiClient & { key: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new Error('The client name must have 1 to 100 characters');
  if (!(await findCurrentRegion(db, input.regionCode))) throw new Error(`Region ${input.regionCode} does not exist`);
  const key = newApiKey();
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(apiClient).values({ id, name, keyHash: hashApiKey(key), regionCode: input.regionCode, createdAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'open311.client.create', objectType: 'api_client', objectId: id, regionCode: input.regionCode, details: { name } });
  });
  return { id, name, regionCode: input.regionCode, regionPrefix: divisionPrefix(input.regionCode), key };
}

/** Revokes a client; its key is refused from then on. Answers false when there is no live client of that id. */
export async function revokeApiClient(db: Db, ctx: RequestContext, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiClient)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiClient.id, id), isNull(apiClient.revokedAt)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, ctx, { action: 'open311.client.revoke', objectType: 'api_client', objectId: id, regionCode: row.regionCode, details: { name: row.name } });
    return true;
  });
}

/** The client of a key, or 403 in the GeoReport error shape. */
export async function authenticateApiKey(db: Db, key: string | undefined, options: { allowDemo: boolean }): Promise<ApiClient> {
  if (!key) throw new Open311Error(403, 'api_key is required');
  const [row] = await db.select().from(apiClient).where(and(eq(apiClient.keyHash, hashApiKey(key)), isNull(apiClient.revokedAt)));
  if (!row || (row.id === DEMO_CLIENT_ID && !options.allowDemo)) throw new Open311Error(403, 'api_key is not valid');
  return { id: row.id, name: row.name, regionCode: row.regionCode, regionPrefix: divisionPrefix(row.regionCode) };
}

/**
 * Demo mode only: the demo city's client with its stable key, created (or restored) if needed.
 * Answers null when there is no city yet (the demo is not seeded).
 */
export async function ensureDemoOpen311Client(db: Db, clock: Clock): Promise<{ key: string; name: string; regionCode: string } | null> {
  const [cityCode] = await currentRegionCodes(db, ['city']);
  if (!cityCode) return null;
  const key = demoOpen311Key(cityCode);
  const keyHash = hashApiKey(key);
  const name = 'Open311 演示客户端';
  const [existing] = await db.select().from(apiClient).where(eq(apiClient.id, DEMO_CLIENT_ID));
  if (existing && existing.keyHash === keyHash && existing.regionCode === cityCode && existing.revokedAt === null) return { key, name: existing.name, regionCode: cityCode };
  await db.transaction(async (tx) => {
    const now = clock.now();
    await tx
      .insert(apiClient)
      .values({ id: DEMO_CLIENT_ID, name, keyHash, regionCode: cityCode, createdAt: now })
      .onConflictDoUpdate({ target: apiClient.id, set: { keyHash, regionCode: cityCode, revokedAt: null } });
    await writeAudit(tx, systemContext(clock, 'demo.open311'), { action: 'open311.client.create', objectType: 'api_client', objectId: DEMO_CLIENT_ID, regionCode: cityCode, details: { name, demo: true } });
  });
  return { key, name, regionCode: cityCode };
}
