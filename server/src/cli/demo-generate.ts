/**
 * Generates a whole demo city into a database: `npm run demo:generate -- --scale city
 * --database-url postgres://postgres@127.0.0.1:5432/gridgov_city --create`. Without a database
 * URL (nor DATABASE_URL) it fills the embedded database in --data-dir (GRIDGOV_DATA_DIR,
 * data/pglite). See docs/city-scale.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase, rows, sql, type Database } from '../platform/db/client.js';
import { loadPiiKey } from '../platform/pii/keys.js';
import { parseScale } from '../modules/demo/generate-city.js';
import { DemoDataPresentError, fmt, generateDemoData, type Phase } from '../modules/demo/generate-load.js';
import { isSeeded } from '../modules/demo/seed-demo.js';

const USAGE = `usage: npm run demo:generate -- [options]
  --scale small|city|bench|N   the city (default small; city: 9 counties, 4,860 grids, 5,282,820 residents; N: N residents)
  --tickets N                  tickets over the history (default: small 5,000, bench 1,000,000, city 10,000,000)
  --years Y                    length of the ticket history (default 2)
  --until ISO-TIME             end of the history, the tickets' states are as at it (default: now)
  --seed N                     seed of every random draw (default 1)
  --database-url URL           PostgreSQL (default DATABASE_URL); without one: the embedded database
  --data-dir DIR               folder of the embedded database (default GRIDGOV_DATA_DIR or data/pglite)
  --create                     create the PostgreSQL database if it does not exist
  --replace                    drop a database that already holds demo data and start again
  --keep-indexes               load into the indexes instead of dropping and rebuilding them
  --skip-aggregates            do not recount the metrics at the end (then: npm run metrics:recount -- --rebuild)`;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    tickets: { type: 'string' },
    years: { type: 'string', default: '2' },
    until: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    create: { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
    'keep-indexes': { type: 'boolean', default: false },
    'skip-aggregates': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function count(text: string, what: string): number {
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isFinite(n) || n < 0) fail(`${what} must be a number: ${text}`);
  return n;
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const config = loadConfig();
if (config.mode === 'production') fail('demo:generate writes demo accounts with a known password: not in production mode (GRIDGOV_MODE=production)');
let scale;
try {
  scale = parseScale(values.scale);
} catch (error) {
  fail((error as Error).message);
}
const defaultTickets: Record<string, number> = { small: 5_000, bench: 1_000_000, city: 10_000_000 };
const residents = Math.round(scale.counties * scale.townshipsPerCounty * scale.communitiesPerTownship * scale.gridsPerCommunity * scale.residentsPerGrid);
// About the city's ratio (10 million tickets for 5.3 million people) for a size given in residents.
const tickets = Math.round(values.tickets !== undefined ? count(values.tickets, '--tickets') : (defaultTickets[values.scale] ?? residents * 1.9));
const years = count(values.years, '--years');
const seed = Math.trunc(count(values.seed, '--seed'));
const until = values.until ? new Date(values.until) : new Date(Math.floor(systemClock.now().getTime() / 1000) * 1000);
if (Number.isNaN(until.getTime())) fail(`--until is not a date-time: ${values.until}`);
const databaseUrl = values['database-url'] ?? config.databaseUrl;
const dataDir = path.resolve(values['data-dir'] ?? config.dataDir);

/** Creates (or drops and creates) the PostgreSQL database of `url`. */
async function preparePostgres(url: string, action: 'create' | 'recreate'): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) fail(`no database name in ${url}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
    if (exists && action === 'recreate') {
      console.log(`dropping database ${name}`);
      await client.query(`drop database ${pg.escapeIdentifier(name)} with (force)`);
    }
    if (!exists || action === 'recreate') {
      if (!exists && !values.create && !values.replace) fail(`database ${name} does not exist: add --create`);
      console.log(`creating database ${name}`);
      await client.query(`create database ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

/** Opens (and migrates) the target; drops and re-creates it first when it holds demo data and --replace says so. */
async function openTarget(): Promise<Database> {
  if (databaseUrl) await preparePostgres(databaseUrl, 'create');
  const open = () => openDatabase({ databaseUrl, dataDir, poolSize: 6 });
  let database = await open();
  if (!(await isSeeded(database.db))) return database;
  if (!values.replace) {
    await database.close();
    throw new DemoDataPresentError();
  }
  await database.close();
  if (databaseUrl) {
    await preparePostgres(databaseUrl, 'recreate');
  } else {
    console.log(`removing the embedded database in ${dataDir}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  database = await open();
  return database;
}

const started = performance.now();
const log = (line: string) => console.log(line);
const where = databaseUrl ? `PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}` : `the embedded database in ${dataDir}`;
console.log(`demo:generate: ${values.scale} scale (${fmt(residents)} residents), ${fmt(tickets)} tickets over ${years} years, seed ${seed}, into ${where}`);
let database: Database;
try {
  database = await openTarget();
} catch (error) {
  if (error instanceof DemoDataPresentError) {
    console.error(`demo:generate: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const migrated: Phase = { name: 'create and migrate the database', ms: performance.now() - started };
try {
  // The key the server uses for this database: GRIDGOV_PII_KEY, or the demo key file beside the data folder.
  const keyConfig = { mode: config.mode, piiKey: config.piiKey, dataDir };
  const piiKey = loadPiiKey(keyConfig);
  console.log(`personal data key: ${config.piiKey ? 'GRIDGOV_PII_KEY' : path.join(path.dirname(dataDir), 'pii.key')}`);
  const result = await generateDemoData(database, {
    scale,
    seed,
    tickets,
    years,
    until,
    piiKey,
    clock: systemClock,
    indexes: values['keep-indexes'] ? 'keep' : 'rebuild',
    skipAggregates: values['skip-aggregates'],
    reopenDays: config.reopenDays,
    log,
  });
  const phases = [migrated, ...result.phases];
  const total = performance.now() - started;
  const [size] = await rows<{ bytes: string }>(database.db, sql`select pg_database_size(current_database())::text as bytes`);
  console.log('\nphases:');
  for (const p of phases) {
    const extra = [p.rows !== undefined ? `${fmt(p.rows)} rows, ${fmt((p.rows * 1000) / p.ms)} rows/s` : '', p.indexMs !== undefined ? `indexes ${(p.indexMs / 1000).toFixed(1)} s` : '']
      .filter(Boolean)
      .join('; ');
    console.log(`  ${p.name.padEnd(62)} ${(p.ms / 1000).toFixed(1).padStart(7)} s${extra ? `  (${extra})` : ''}`);
  }
  console.log(`  ${'total'.padEnd(62)} ${(total / 1000).toFixed(1).padStart(7)} s`);
  const c = result.counts;
  console.log(
    `\n${fmt(result.seed.city.regions.length)} regions, ${fmt(result.seed.city.grids.length)} grids, ${fmt(c.residents)} residents, ${fmt(c.households)} households, ` +
      `${fmt(c.tickets)} tickets, ${fmt(c.assignments)} assignments; database size ${(Number(size?.bytes ?? 0) / 2 ** 30).toFixed(2)} GiB; ` +
      `peak memory of this process ${fmt(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  if (!result.aggregates) console.log('The metrics were not recounted: run npm run metrics:recount -- --rebuild before using the dashboard.');
  console.log(
    databaseUrl
      ? `\nStart the server on it: DATABASE_URL=${databaseUrl} npm start (same personal-data key)`
      : `\nStart the server on it: GRIDGOV_DATA_DIR=${dataDir} npm start`,
  );
} catch (error) {
  // A failed query's message carries its whole text and parameters: its cause says what went wrong.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  console.error(`demo:generate failed: ${message.slice(0, 500)}`);
  if (cause instanceof Error && cause.stack) console.error(cause.stack.split('\n').slice(1, 6).join('\n'));
  process.exitCode = 1;
} finally {
  await database.close();
}
