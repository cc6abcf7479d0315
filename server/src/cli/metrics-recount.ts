/**
 * Recounts every registered metric (each module's metrics.ts) from its source tables:
 * `npm run metrics:recount` compares the kept figures with the recount and exits 1 when any
 * differ; `-- --rebuild` rewrites them from source (after a bulk load with triggers off, or to
 * repair). Uses DATABASE_URL or the embedded database in GRIDGOV_DATA_DIR, like the server.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { compareWithRecount, foldMetrics, rebuildMetrics } from '../platform/metrics/metrics.js';
import { MODULES } from '../modules/index.js';

const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } } });
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const metrics = MODULES.flatMap((m) => m.metrics ?? []);
try {
  if (values.rebuild) {
    await rebuildMetrics(database.db, metrics);
    console.log(`metrics:recount: ${metrics.length} metrics rebuilt from source`);
  } else {
    // What is committed but not folded yet is folded first, as the server would within a second.
    await foldMetrics(database.db, metrics);
    const differences = await compareWithRecount(database.db, metrics);
    for (const line of differences) console.log(line);
    console.log(`metrics:recount: ${metrics.length} metrics, ${differences.length === 0 ? 'all agree with the recount' : `${differences.length} differences (rebuild with --rebuild)`}`);
    process.exitCode = differences.length === 0 ? 0 : 1;
  }
} finally {
  await database.close();
}
