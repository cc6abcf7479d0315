/** Verifies the audit hash chain: `npm run audit:verify`. Exits 1 if it is broken. */
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { verifyAuditChain } from '../platform/audit/verify-audit.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit chain intact: ${result.entries} entries, head ${result.headHash}`);
    console.log('Keep the head hash somewhere else (a ticket, a signed mail): it also proves nothing was cut off the end.');
  } else {
    console.error(`Audit chain BROKEN at entry ${result.brokenAt} (${result.reason}) after ${result.entries} entries checked`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
