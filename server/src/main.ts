/** Start-up: configuration, database, jobs, live channel, HTTP; seeds the demo city in demo mode. */
import { loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { UnsafeDurabilityError } from './platform/db/client.js';
import { startRuntime } from './runtime.js';
import { isSeeded, seedDemo } from './modules/demo/seed-demo.js';
import { printDemoLogins } from './modules/demo/print-logins.js';
import { categorySuggester } from './modules/tickets/category-suggester.js';
import { generateLabelledTickets, seededRandom } from './modules/tickets/classifier/training-texts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config);
  const { database, clock } = runtime;
  if (config.mode === 'demo' && !(await isSeeded(database.db))) {
    console.log('Seeding the demo city (first start)...');
    await seedDemo(database.db, clock, { registers: { vault: runtime.vault } });
    // The demo has no history of closed tickets yet: teach the suggester from generated ones.
    categorySuggester(runtime.kit).train(generateLabelledTickets(seededRandom(1), 4000, 'demo'));
    await categorySuggester(runtime.kit).save(database.db, clock.now());
  }
  await runtime.app.listen({ host: config.host, port: config.port });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  console.log(`\nGridGov 智慧网格治理平台 is running at ${url}`);
  console.log(`Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL'}; mode: ${config.mode}`);
  console.log(`Command-centre dashboard: ${url}#/dashboard (operators land on it; add ?screen=big for the wall display)`);
  console.log(`API documentation: ${url}docs/api`);
  if (config.mode === 'demo') await printDemoLogins(database.db, clock);
  const shutdown = (signal: string): void => {
    console.log(`${signal}: shutting down`);
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof UnsafeDurabilityError) {
    console.error(`\nGridGov cannot start: ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
