/**
 * Verifies the audit hash chain, then holds it against the last signed checkpoint
 * (GRIDGOV_AUDIT_CHECKPOINT_FILE): `npm run audit:verify`. Exits 1 if the chain is broken, cut
 * off at the end, or a checkpoint is forged.
 */
import fs from 'node:fs';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { verifyAnchoredChain } from '../platform/backup/audit-checkpoint.js';
import { BackupError } from '../platform/backup/crypto.js';
import { checkpointKeySource, loadKey } from '../platform/backup/keys.js';

const config = loadConfig();
const file = config.auditCheckpointFile;
let key: Buffer | null = null;
try {
  // Without checkpoints there is nothing to hold the chain against: no key is generated for it.
  if (file && fs.existsSync(file)) key = loadKey(checkpointKeySource(config), config).key;
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyAnchoredChain(database.db, { file, key });
  if (result.ok) {
    console.log(`Audit chain intact: ${result.entries} entries, head entry ${result.headSeq}, hash ${result.headHash}`);
    if (result.checkpoint) {
      console.log(`Matches the last signed checkpoint (${result.checkpoint.at}, entry ${result.checkpoint.seq}) in ${file}: nothing was cut off the end before it.`);
    } else {
      console.log(`No signed checkpoint to compare with${file ? ` (${file} is empty or missing)` : ' (GRIDGOV_AUDIT_CHECKPOINT_FILE=off)'}: cutting entries off the end cannot be detected.`);
    }
  } else {
    console.error(result.message);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
