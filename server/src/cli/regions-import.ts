/**
 * Imports real division codes for a province or city: `npm run regions:import -- 4307`.
 * Uses the configured database (DATABASE_URL, or the embedded one in GRIDGOV_DATA_DIR).
 */
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { importRegions } from '../modules/regions/import-regions.js';

const prefix = process.argv[2] ?? '';
if (!/^\d{2}(\d{2}){0,2}$/.test(prefix)) {
  console.error('usage: npm run regions:import -- <2, 4 or 6 digit prefix, e.g. 43 or 4307>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const started = Date.now();
  const summary = await importRegions(database.db, systemContext(systemClock, 'regions.import'), prefix);
  console.log(
    `Imported ${prefix}: read ${summary.read}, inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length} in ${Date.now() - started} ms`,
  );
  for (const r of summary.rejected.slice(0, 20)) console.log(`  rejected ${r.code}: ${r.reason}`);
} finally {
  await database.close();
}
