/**
 * Production bootstrap: creates the first security admin, who then creates every other account.
 * `npm run users:create-admin -- <username> <region code>`; prints a one-time enrolment code on
 * this console (the operator's): its holder opens `#/enrol`, binds an authenticator and chooses
 * their own password. Nobody else ever knows them.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { writeAudit } from '../platform/audit/write-audit.js';
import { insertAccounts, usernameTaken } from '../platform/accounts/accounts.js';
import { announceEnrolment, issueEnrolment, unusablePasswordHash } from '../platform/auth/enrolment.js';
import { findCurrentRegion } from '../modules/regions/queries.js';

const [username, regionCode] = process.argv.slice(2);
if (!username || !regionCode || !/^\d{12}$/.test(regionCode) || !/^[a-zA-Z0-9_.-]{3,32}$/.test(username)) {
  console.error('usage: npm run users:create-admin -- <username> <12-digit region code>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (!(await findCurrentRegion(database.db, regionCode))) {
    throw new Error(`Region ${regionCode} does not exist: import regions first (npm run regions:import -- ${regionCode.slice(0, 4)})`);
  }
  if (await usernameTaken(database.db, username)) throw new Error(`The username ${username} is taken`);
  const now = systemClock.now();
  const id = randomUUID();
  const passwordHash = await unusablePasswordHash();
  const enrolment = await database.db.transaction(async (tx) => {
    await insertAccounts(tx, [{
      id, username, displayName: username, passwordHash, role: 'security_admin',
      scopeRegionCode: regionCode, mustChangePassword: false, passwordChangedAt: now, createdAt: now, updatedAt: now,
    }]);
    const issued = await issueEnrolment(tx, id, null, now);
    await writeAudit(tx, systemContext(systemClock, 'cli.create-admin'), {
      action: 'user.admin_create', objectType: 'user', objectId: id, regionCode,
      details: { username, role: 'security_admin', scopeRegionCode: regionCode, enrolmentExpiresAt: issued.expiresAt.toISOString() },
    });
    return issued;
  });
  console.log(`Created security admin ${username}.`);
  announceEnrolment({ write: (text) => void process.stdout.write(text) }, { username, role: 'security_admin', issuedBy: null, reason: 'created', enrolment });
} finally {
  await database.close();
}
