/**
 * Time limits are durable: a ticket reported before a restart is still escalated on time by the
 * process that starts afterwards (its timer lives in the database, not in memory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestDatabase, gridCentroid, testConfig, usePostgres } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { ticketDeps } from './deps.js';
import { openDatabase, type Database } from '../../platform/db/client.js';
import { systemContext } from '../../platform/context.js';
import { startRuntime } from '../../runtime.js';
import { seedDemo } from '../demo/seed-demo.js';
import { intakeTicket } from './intake-ticket.js';
import { ticket } from './tables.js';

test('a dispatch-limit timer survives a restart and escalates the ticket', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-restart-'));
  const testDb = usePostgres ? await createTestDatabase() : null;
  const open = (): Promise<Database> => (testDb ? testDb.open() : openDatabase({ databaseUrl: null, dataDir: path.join(dir, 'pglite') }));
  const clock = new ManualClock();
  const config = testConfig({ databaseUrl: testDb?.databaseUrl ?? null });
  try {
    let rt = await startRuntime(config, { clock, database: await open() });
    const seed = await seedDemo(rt.database.db, clock);
    const [lon, lat] = gridCentroid(seed.city.grids[0]!);
    const { id } = await intakeTicket(ticketDeps(rt.kit), systemContext(clock, 'test'), {
      description: '井盖缺失，请尽快处理', lon, lat, emergency: false, categoryId: seed.tickets.categoryIds.get('city.manhole')!, customFields: {}, photoIds: [], source: 'device',
    });
    await rt.close();

    clock.advance(2 * 60 * 60_000);
    rt = await startRuntime(config, { clock, database: await open() });
    while ((await rt.jobs.runDue()) > 0);
    const [after] = await rt.database.db.select().from(ticket).where(eq(ticket.id, id));
    assert.equal(after!.level, 'community');
    assert.equal(after!.overdue, true);
    await rt.close();
  } finally {
    await testDb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(config.filesDir, { recursive: true, force: true });
  }
});
