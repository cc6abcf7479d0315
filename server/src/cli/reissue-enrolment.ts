/**
 * Recovery of an admin account by the operators, e.g. the only security admin lost their
 * authenticator, or their code ran out before they used it: voids the account's password and
 * authenticator, ends its sessions and prints a new one-time enrolment code on this console.
 * `npm run users:reissue-enrolment -- <username>`; audited and flagged for the auditor.
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { systemClock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import { writeAudit } from '../platform/audit/write-audit.js';
import { accountByUsername, updateAccount } from '../platform/accounts/accounts.js';
import { revokeUserSessions } from '../platform/auth/sessions.js';
import { announceEnrolment, isAdminRole, issueEnrolment, unusablePasswordHash } from '../platform/auth/enrolment.js';
import { appUser } from '../platform/accounts/tables.js';

const [username] = process.argv.slice(2);
if (!username) {
  console.error('usage: npm run users:reissue-enrolment -- <username of a system admin, security admin or auditor>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const account = await accountByUsername(database.db, username);
  if (!account) throw new Error(`No account ${username}`);
  if (!isAdminRole(account.role)) throw new Error(`${username} is a ${account.role}: only the admin roles enrol; a security admin resets other accounts`);
  const now = systemClock.now();
  const passwordHash = await unusablePasswordHash();
  const enrolment = await database.db.transaction(async (tx) => {
    await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.id, account.id)).for('update');
    await updateAccount(tx, account.id, {
      passwordHash, totpSecret: null, totpLastStep: null, mustChangePassword: false, passwordChangedAt: now,
      lockedUntil: null, failedCount: 0, firstFailedAt: null, updatedAt: now,
    });
    await revokeUserSessions(tx, account.id, now, 'enrolment_reissued');
    const issued = await issueEnrolment(tx, account.id, null, now);
    await writeAudit(tx, systemContext(systemClock, 'cli.reissue-enrolment'), {
      action: 'user.admin_reset', objectType: 'user', objectId: account.id, regionCode: account.scopeRegionCode,
      details: { username, role: account.role, enrolmentExpiresAt: issued.expiresAt.toISOString() },
    });
    return issued;
  });
  announceEnrolment({ write: (text) => void process.stdout.write(text) }, { username, role: account.role, issuedBy: null, reason: 'reset', enrolment });
} finally {
  await database.close();
}
