/** Prints the demo logins (demo mode only): who can sign in, with which role and scope. */
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../platform/clock.js';
import { accountDirectory } from '../../platform/accounts/accounts.js';
import { regionNames } from '../regions/queries.js';
import { totpCode, totpStep } from '../../platform/auth/totp.js';
import { DEMO_PASSWORD, demoTotpSecret } from './seed-demo.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { ensureDemoOpen311Client } from '../open311/api-clients.js';

const SHOWN = ['sysadmin', 'secadmin', 'auditor', 'city_op', 'county_op', 'township_op', 'community_op', 'handler', 'handler2', 'gw1', 'gw2', 'resident1', 'ent_filer'];

export async function printDemoLogins(db: Db, clock: Clock, config: Pick<Config, 'mode' | 'host' | 'port'> = loadConfig()): Promise<void> {
  const accounts = await accountDirectory(db);
  const names = await regionNames(db, accounts.map((a) => a.scopeRegionCode));
  const users = accounts.map((a) => ({ ...a, regionName: names.get(a.scopeRegionCode), totp: a.totpSecret }));
  const shown = users.filter((u) => SHOWN.includes(u.username)).sort((a, b) => SHOWN.indexOf(a.username) - SHOWN.indexOf(b.username));
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const u of shown) {
    console.log(`  ${u.username.padEnd(13)} ${u.role.padEnd(19)} ${u.regionName ?? ''} ${u.displayName}`);
  }
  // Every other department's handler: one line per kind of department (police1, police2, ...).
  const kinds = new Map<string, typeof users>();
  for (const u of users) {
    if (u.role !== 'department_handler' || SHOWN.includes(u.username)) continue;
    const kind = u.username.replace(/\d+$/, '');
    kinds.set(kind, [...(kinds.get(kind) ?? []), u]);
  }
  if (kinds.size) console.log('  Every department has a handler:');
  const number = (username: string) => Number(/\d+$/.exec(username)?.[0] ?? 0);
  for (const list of kinds.values()) {
    list.sort((a, b) => number(a.username) - number(b.username));
    const names = list.slice(0, 3).map((u) => u.displayName).join('、') + (list.length > 3 ? ` …(${list.length})` : '');
    const usernames = list.length > 1 ? `${list[0]!.username}..${list.at(-1)!.username}` : list[0]!.username;
    console.log(`  ${usernames.padEnd(13)} ${'department_handler'.padEnd(19)} ${names}`);
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
  const moreWorkers = users.filter((u) => u.role === 'grid_worker' && !SHOWN.includes(u.username)).length;
  console.log(`  (${moreWorkers} more grid-worker accounts gw3, gw4, ... have the same password)\n`);
  if (config.mode === 'demo') await printOpen311Demo(db, clock, config);
}

/** A ready Open311 key for the demo city (stable across restarts; demo mode only) and how to try it. */
async function printOpen311Demo(db: Db, clock: Clock, config: Pick<Config, 'host' | 'port'>): Promise<void> {
  const client = await ensureDemoOpen311Client(db, clock);
  if (!client) return;
  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/open311/v2`;
  console.log(`Open311 GeoReport v2 at ${base} (docs/open311.md); demo API key for the whole demo city:`);
  console.log(`  api_key ${client.key}`);
  console.log(`  curl '${base}/services.xml'`);
  console.log(
    `  curl -X POST '${base}/requests.json' --data-urlencode 'api_key=${client.key}' --data-urlencode 'service_code=city.road' ` +
      `--data-urlencode 'address_string=人民路 88 号' --data-urlencode 'description=路面塌陷一个大坑'`,
  );
  console.log(`  curl '${base}/requests.xml?api_key=${client.key}'\n`);
}
