/** Prints the demo logins (demo mode only): who can sign in, with which role and scope. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../platform/clock.js';
import { appUser } from '../../platform/auth/tables.js';
import { region } from '../regions/tables.js';
import { totpCode, totpStep } from '../../platform/auth/totp.js';
import { DEMO_PASSWORD, demoTotpSecret } from './seed-demo.js';

const SHOWN = ['sysadmin', 'secadmin', 'auditor', 'city_op', 'county_op', 'township_op', 'community_op', 'handler', 'gw1', 'gw2', 'resident1'];

export async function printDemoLogins(db: Db, clock: Clock): Promise<void> {
  const users = await db
    .select({ username: appUser.username, role: appUser.role, displayName: appUser.displayName, regionName: region.name, totp: appUser.totpSecret })
    .from(appUser)
    .leftJoin(region, eq(region.code, appUser.scopeRegionCode))
    .orderBy(asc(appUser.username));
  const shown = users.filter((u) => SHOWN.includes(u.username)).sort((a, b) => SHOWN.indexOf(a.username) - SHOWN.indexOf(b.username));
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const u of shown) {
    console.log(`  ${u.username.padEnd(13)} ${u.role.padEnd(19)} ${u.regionName ?? ''} ${u.displayName}`);
  }
  const admins = shown.filter((u) => u.totp !== null);
  if (admins.length) {
    console.log('\nThe admin roles need a TOTP code: add the secret to an authenticator app, or run');
    console.log('  npm run demo:totp -- <username>   (prints the current code)');
    for (const u of admins) {
      const secret = demoTotpSecret(u.username);
      console.log(`  ${u.username.padEnd(13)} secret ${secret}  (code now: ${totpCode(secret, totpStep(clock.now()))})`);
    }
  }
  console.log(`  (${users.length - shown.length} more grid-worker accounts gw3, gw4, ... have the same password)\n`);
}
