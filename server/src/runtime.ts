/**
 * Starts everything a GridGov process runs: database (migrated), live channel, job worker,
 * grid index and the HTTP app. Used by main.ts, the tests and the benchmarks alike.
 */
import type { Config } from './platform/config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Database } from './platform/db/client.js';
import { JobQueue } from './platform/jobs/queue.js';
import { LiveHub } from './platform/live/live.js';
import { sessionPurgeJob } from './platform/auth/purge-job.js';
import { GridLocator } from './modules/grids/grid-index.js';
import { exportFileJob } from './modules/exports/build-export-file.js';
import { PiiVault } from './platform/pii/vault.js';
import { loadPiiKey } from './platform/pii/keys.js';
import { buildApp } from './app.js';
import { DashboardFolder } from './modules/dashboard/aggregates.js';
import { CategoryCache } from './modules/tickets/categories.js';
import { DuplicateFinder } from './modules/tickets/check-intake.js';
import { IntakeWriter } from './modules/tickets/intake-ticket.js';
import { NaiveBayesSuggester, suggesterSaveJob } from './modules/tickets/category-suggester.js';
import { ticketLimitJob } from './modules/tickets/limit-timer.js';
import { bulletinJob } from './modules/tickets/bulletin.js';
import { outboxJob } from './modules/tickets/outbox-job.js';
import type { TicketDeps } from './modules/tickets/deps.js';
import { importJobDefinition } from './modules/imports/run-import.js';
import type { App } from './platform/http/types.js';

export interface Runtime {
  config: Config;
  clock: Clock;
  database: Database;
  jobs: JobQueue;
  live: LiveHub;
  gridLocator: GridLocator;
  vault: PiiVault;
  tickets: TicketDeps;
  suggester: NaiveBayesSuggester;
  app: App;
  close(): Promise<void>;
}

export async function startRuntime(config: Config, options: { clock?: Clock; database?: Database } = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const piiKey = loadPiiKey(config);
  const vault = new PiiVault(piiKey);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const live = new LiveHub();
  await live.start(database);
  const gridLocator = new GridLocator(database.db);
  live.on('event', (event) => {
    if (event.type === 'grid.changed') gridLocator.invalidate();
  });
  const jobs = new JobQueue(database.db, clock);
  jobs.register(sessionPurgeJob);
  jobs.register(importJobDefinition({ database, vault, piiKey, config }));
  jobs.register(exportFileJob({ db: database.db, vault, config }));
  const suggester = await NaiveBayesSuggester.load(database.db);
  const tickets: TicketDeps = { db: database.db, vault, jobs, locator: gridLocator, suggester, categories: new CategoryCache(database.db),
    duplicates: new DuplicateFinder(database.db), writer: new IntakeWriter(database.db), reopenDays: config.reopenDays };
  jobs.register(ticketLimitJob(jobs));
  const saveSuggester = suggesterSaveJob(suggester);
  jobs.register(saveSuggester);
  jobs.register(bulletinJob);
  const deliverOutbox = outboxJob(vault, config);
  jobs.register(deliverOutbox);
  await jobs.schedule(database.db, sessionPurgeJob, {});
  await jobs.schedule(database.db, saveSuggester, {});
  await jobs.schedule(database.db, bulletinJob, {});
  await jobs.schedule(database.db, deliverOutbox, {});
  jobs.start(config.jobPollMs);
  const folder = new DashboardFolder(database.db);
  folder.start(config.jobPollMs);
  const app = await buildApp({ config, clock, database, live, gridLocator, vault, jobs, tickets });
  return {
    config,
    clock,
    database,
    jobs,
    live,
    gridLocator,
    vault,
    tickets,
    suggester,
    app,
    close: async () => {
      await app.close();
      await jobs.stop();
      await folder.stop();
      await suggester.save(database.db, clock.now());
      await live.stop();
      await database.close();
    },
  };
}
