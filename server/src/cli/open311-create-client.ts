/**
 * Creates an Open311 API client for a region and prints its key once (only its hash is kept).
 * `npm run open311:create-client -- "<name>" <12-digit region code>`
 */
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { createApiClient } from '../modules/open311/api-clients.js';

const [name, regionCode] = process.argv.slice(2);
if (!name?.trim() || !regionCode || !/^\d{12}$/.test(regionCode)) {
  console.error('usage: npm run open311:create-client -- "<client name>" <12-digit region code>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const client = await createApiClient(database.db, systemContext(systemClock, 'cli.open311-create-client'), { name, regionCode });
  console.log(`Created Open311 client "${client.name}" (id ${client.id}) for region ${client.regionCode}.`);
  console.log(`API key (shown only now, keep it secret): ${client.key}`);
  console.log(`Revoke it with: npm run open311:revoke-client -- ${client.id}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
