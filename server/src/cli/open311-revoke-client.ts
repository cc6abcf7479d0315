/**
 * Revokes an Open311 API client: its key is refused from then on.
 * `npm run open311:revoke-client -- <client id>`
 */
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { revokeApiClient } from '../modules/open311/api-clients.js';

const [id] = process.argv.slice(2);
if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
  console.error('usage: npm run open311:revoke-client -- <client id>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const revoked = await revokeApiClient(database.db, systemContext(systemClock, 'cli.open311-revoke-client'), id.toLowerCase());
  console.log(revoked ? `Revoked Open311 client ${id}.` : `No live Open311 client ${id}.`);
  if (!revoked) process.exitCode = 1;
} finally {
  await database.close();
}
