/**
 * A module's rule as data, versioned (tracing, quarantine): a table of `(version, params,
 * created_by, created_at)` whose newest row is in force (the default, version 0, until a first
 * change). Only an operator whose scope is the whole deployment (city or above) changes it; each
 * change is the next version, taken in turn under a table lock, audited with what it was.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { divisionPrefix, type AuditAction, type ErrorCode } from '@gridgov/contracts';
import { rows, type Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { accountNames } from '../accounts/accounts.js';

export interface RuleInForce<R> {
  version: number;
  rule: R;
  createdAt: Date | null;
  createdBy: string | null;
}

export interface RuleVersionView<R> {
  version: number;
  rule: R;
  createdAt: string | null;
  createdByName: string | null;
}

export function versionedRule<R>(o: { table: string; schema: z.ZodType<R>; fallback: R; audit: AuditAction; scopeError: ErrorCode }) {
  const table = sql.identifier(o.table);
  const current = async (db: Db): Promise<RuleInForce<R>> => {
    const [row] = await rows<{ version: number; params: unknown; created_by: string | null; created_at: Date | string }>(db, sql`select version, params, created_by, created_at from ${table} order by version desc limit 1`);
    if (!row) return { version: 0, rule: o.fallback, createdAt: null, createdBy: null };
    return { version: Number(row.version), rule: o.schema.parse(row.params), createdAt: new Date(row.created_at), createdBy: row.created_by };
  };
  const read = async (db: Db): Promise<RuleVersionView<R>> => {
    const r = await current(db);
    const names = await accountNames(db, [r.createdBy]);
    return { version: r.version, rule: r.rule, createdAt: r.createdAt?.toISOString() ?? null, createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null };
  };
  const change = async (db: Db, ctx: ActorContext, rule: R): Promise<RuleVersionView<R>> => {
    if (divisionPrefix(ctx.actor.regionCode).length > 4 || ctx.actor.gridId) throw new AppError(o.scopeError);
    await db.transaction(async (tx) => {
      // Changes take turns: each reads the version in force and writes the next.
      await tx.execute(sql`lock table ${table} in share row exclusive mode`);
      const before = await current(tx);
      const version = before.version + 1;
      await tx.execute(sql`insert into ${table} (version, params, created_by, created_at) values (${version}, ${JSON.stringify(rule)}::jsonb, ${ctx.actor.id}, ${ctx.clock.now()})`);
      await writeAudit(tx, ctx, { action: o.audit, objectType: o.table, objectId: String(version), regionCode: ctx.actor.regionCode, details: { from: before.rule, to: rule } });
    });
    return read(db);
  };
  return { current, read, change };
}
