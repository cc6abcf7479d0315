/**
 * The kit: what every module stands on in a running process (configuration, clock, database,
 * live channel, jobs, personal-data vault, files), and what modules provide to the platform
 * (place names, notification audiences, outbox channels, metrics...). One kit per runtime; a
 * test process may run several.
 */
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Database, Db } from '../db/client.js';
import type { LiveHub } from '../live/live.js';
import type { JobQueue } from '../jobs/queue.js';
import type { PiiVault } from '../pii/vault.js';
import type { FileStore } from '../files/store.js';
import type { OwnerReadable } from '../files/attachments.js';
import type { AudienceResolver } from '../notifications/notify.js';
import type { OutboxChannel } from '../outbox/outbox.js';
import type { RecordScope } from '../scope.js';
import type { Visibility } from '../scope.js';
import type { MetricDefinition, TileDefinition } from '../metrics/metrics.js';

/** What the platform asks of modules; each module fills in what it owns. */
export interface Providers {
  /** Names of regions by 12-digit code (the regions module). */
  regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>>;
  /** Names of grids by id (the grids module). */
  gridNames(db: Db, ids: readonly string[]): Promise<Map<string, string>>;
  /** The departments whose work an account does (the departments module): part of the account's scope. */
  memberships(db: Db, userId: string): Promise<string[]>;
}

/**
 * What modules register by name, gathered from every module definition at start: the platform
 * looks things up here instead of importing modules.
 */
export interface Registry {
  /** Who may read an attachment a record of this kind claimed. */
  attachmentOwners: Map<string, OwnerReadable>;
  /** Audience kinds of notifications (a department's members...). */
  audiences: Map<string, AudienceResolver>;
  /** Outbox channels by name. */
  channels: Map<string, OutboxChannel>;
  /** Who sees a record of each kind: lists and reads use the SQL side, live events the test side. */
  records: Map<string, Visibility<RecordScope>>;
  /** Every module's metrics, and the dashboard tiles over them in their order. */
  metrics: readonly MetricDefinition[];
  tiles: readonly TileDefinition[];
}

/**
 * Where the server tells its operators what must not travel in an HTTP answer (enrolment codes
 * of admin accounts): the console of the process (standard output) unless a runtime is given
 * another writer.
 */
export interface OperatorConsole {
  write(text: string): void;
}

export interface Kit {
  config: Config;
  clock: Clock;
  database: Database;
  db: Db;
  live: LiveHub;
  jobs: JobQueue;
  vault: PiiVault;
  /** The personal-data master key the vault was made from (for worker threads that make their own). */
  piiKey: Buffer;
  files: FileStore;
  providers: Providers;
  registry: Registry;
  operatorConsole: OperatorConsole;
}

/**
 * A service of one kit, made on first use and kept for that kit: how modules share state (a
 * module's caches, another module's index) without a global and without start-up ordering.
 */
export function kitService<T>(make: (kit: Kit) => T): (kit: Kit) => T {
  const made = new WeakMap<Kit, T>();
  return (kit) => {
    if (!made.has(kit)) made.set(kit, make(kit));
    return made.get(kit)!;
  };
}
