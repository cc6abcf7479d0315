/**
 * Production bootstrap: creates the first security admin, who then creates every other account.
 * `npm run users:create-admin -- <username> <region code>`; prints a one-time password. TOTP is
 * enrolled at the first sign-in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { writeAudit } from '../platform/audit/write-audit.js';
import { insertAccounts } from '../platform/accounts/accounts.js';
import { hashPassword } from '../platform/auth/password.js';
import { findCurrentRegion } from '../modules/regions/queries.js';

const [username, regionCode] = process.argv.slice(2);
if (!username || !regionCode || !/^\d{12}$/.test(regionCode)) {
  console.error('usage: npm run users:create-admin -- <username> <12-digit region code>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (!(await findCurrentRegion(database.db, regionCode))) {
    throw new Error(`Region ${regionCode} does not exist: import regions first (npm run regions:import -- ${regionCode.slice(0, 4)})`);
  }
  const password = `Gg-${randomBytes(12).toString('base64url')}`;
  const now = systemClock.now();
  const id = randomUUID();
  await database.db.transaction(async (tx) => {
    await insertAccounts(tx, [{
      id, username, displayName: username, passwordHash: await hashPassword(password), role: 'security_admin',
      scopeRegionCode: regionCode, mustChangePassword: true, passwordChangedAt: now, createdAt: now, updatedAt: now,
    }]);
    await writeAudit(tx, systemContext(systemClock, 'cli.create-admin'), { action: 'user.create', objectType: 'user', objectId: id, regionCode, details: { username, role: 'security_admin' } });
  });
  console.log(`Created security admin ${username} with one-time password: ${password}`);
  console.log('Sign in, enrol the authenticator (TOTP) and change the password at once.');
} finally {
  await database.close();
}
