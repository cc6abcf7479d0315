import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.js';

export type RegisterTable = PgTable & { id: PgColumn; version: PgColumn };

export async function load<T extends RegisterTable>(db: Db, t: T, where: SQL): Promise<T['$inferSelect'][]> {
  const rows = await db.select().from(t).where(where);
  return rows;
}
export async function ins<T extends RegisterTable>(db: Db, t: T, row: T['$inferInsert']): Promise<void> {
  await db.insert(t).values(row);
}
export async function upd<T extends RegisterTable>(db: Db, t: T, id: string, set: Partial<T['$inferInsert']>): Promise<void> {
  await db.update(t).set(set).where(eq(t.id, id));
}
