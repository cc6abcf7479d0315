/**
 * How long health code data is kept (the platform's daily retention job): reviewed correction
 * requests and declared trips older than the period are deleted; green codes without evidence not
 * computed within the period are deleted (a red or yellow code is recomputed while its evidence lives).
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { healthCode, healthCorrection, healthTrip } from './tables.js';

export const healthcodeRetention: RetentionRule[] = [
  {
    kind: 'health-corrections',
    what: 'reviewed health code correction requests (the reason given)',
    defaultDays: 180,
    purge: async (kit, before) => (await kit.db.delete(healthCorrection).where(and(inArray(healthCorrection.status, ['accepted', 'rejected']), lt(healthCorrection.reviewedAt, before))).returning({ id: healthCorrection.id })).length,
  },
  {
    kind: 'health-trips',
    what: 'trips residents declared for their health code',
    defaultDays: 60,
    purge: async (kit, before) => (await kit.db.delete(healthTrip).where(lt(healthTrip.arrivedAt, before)).returning({ id: healthTrip.id })).length,
  },
  {
    kind: 'health-codes',
    what: 'green health codes without evidence, not issued and not computed within the period',
    defaultDays: 30,
    purge: async (kit, before) =>
      (await kit.db.delete(healthCode).where(and(eq(healthCode.colour, 'green'), sql`${healthCode.issuedAt} is null`, lt(healthCode.computedAt, before))).returning({ k: healthCode.personKey })).length,
  },
];
