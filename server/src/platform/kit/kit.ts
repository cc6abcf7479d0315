/**
 * The kit: what every module stands on in a running process (configuration, clock, database,
 * live channel, jobs, personal-data vault, files), and what modules provide to the platform
 * (place names, notification audiences, outbox channels, metrics...). One kit per runtime; a
 * test process may run several.
 */
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Database, Db } from '../db/client.js';
import type { SQL } from 'drizzle-orm';
import type { LiveHub } from '../live/live.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Admission } from '../http/admission.js';
import type { PiiVault } from '../pii/vault.js';
import type { FileStore } from '../files/store.js';
import type { OwnerReadable } from '../files/attachments.js';
import type { AudienceResolver, SubjectDescriber } from '../notifications/notify.js';
import type { OutboxChannel } from '../outbox/outbox.js';
import type { RecordScope } from '../scope.js';
import type { Visibility } from '../scope.js';
import type { MetricDefinition, TileDefinition } from '../metrics/metrics.js';
import type { WarningRuleKind } from './warning-rules.js';
import type { TransitionReaction } from '../workflow/workflow.js';
import type { ImportKind } from '../imports/kind.js';
import type { EvidenceListener, EvidenceSource } from './evidence.js';

/** Labels of some objects of one kind by id; ids it does not know are left out. */
export type AuditLabeler = (db: Db, ids: readonly string[]) => Promise<Map<string, string>>;

/** What the platform asks of modules; each module fills in what it owns. */
export interface Providers {
  /** Names of regions by 12-digit code (the regions module). */
  regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>>;
  /** Names of grids by id (the grids module). */
  gridNames(db: Db, ids: readonly string[]): Promise<Map<string, string>>;
  /** The departments whose work an account does (the departments module): part of the account's scope. */
  memberships(db: Db, userId: string): Promise<string[]>;
  /**
   * A condition on a household id (a column or value): the household self-declared (the
   * declarations module: a current declaration of a member since the time) and none of its current
   * declarations since then was flagged by the form's rules. Survey campaigns do not visit those.
   */
  declaredUnflagged(householdId: SQL, since: Date | SQL): SQL;
  /**
   * A set (`select resident_id ...`) of the residents the checkpoints reported arriving from
   * `since` to `until`, from an origin containing `origin` when given (the arrivals module).
   * Survey campaigns visit their households.
   */
  arrivedResidents(since: Date, until: Date, origin: string | null): SQL;
  /**
   * The open emergency events whose region is `regionCode` or one above it, as `E<n> title` (the
   * emergency module). A supply request names the event it is for.
   */
  openEventsCovering(db: Db, regionCode: string): Promise<{ id: string; label: string }[]>;
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
  /** What notifications' subjects are, by subject type (a ticket's category, place, urgency). */
  subjects: Map<string, SubjectDescriber>;
  /** Outbox channels by name. */
  channels: Map<string, OutboxChannel>;
  /** Who sees a record of each kind: lists and reads use the SQL side, live events the test side. */
  records: Map<string, Visibility<RecordScope>>;
  /** What the audit log shows for an object of each kind instead of its id (a ticket's number, a grid's name). */
  auditLabels: Map<string, AuditLabeler>;
  /** Every module's metrics, and the dashboard tiles over them in their order. */
  metrics: readonly MetricDefinition[];
  tiles: readonly TileDefinition[];
  /** Every module's kinds of risk-warning rule, by kind. */
  warningRules: Map<string, WarningRuleKind>;
  /** Reactions to transitions of other modules' records, by `<kind>.<action>` (runTransition runs them in its transaction). */
  reactions?: Map<string, TransitionReaction[]>;
  /** What modules offer to imports, by import kind (`arrival`); the register kinds are the imports module's own. */
  imports: Map<string, ImportKind>;
  /** Every module's evidence sources, by `<module>.<kind>` (several modules may give one kind; kit/evidence.ts). */
  evidence: Map<string, EvidenceSource>;
  /** Who recomputes when evidence about people changed. */
  evidenceListeners: EvidenceListener[];
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
  /** Admission control of this process: HTTP requests and jobs share its slots (platform/http/admission.ts). */
  admission: Admission;
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
