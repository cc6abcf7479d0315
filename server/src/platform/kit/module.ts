/**
 * The module contract. Every module is one definition, listed in `modules/index.ts`; the app and
 * the runtime loop over the list, so adding a module is one folder plus one line there. What a
 * module declares (permissions, audit actions, live events, errors) is checked by tests against
 * what it does.
 */
import type { ErrorCode, Permission } from '@gridgov/contracts';
import type { z } from 'zod';
import type { App } from '../http/types.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { RetentionRule } from '../retention/retention.js';
import type { AuditLabeler, Kit, Providers } from './kit.js';
import type { OwnerReadable } from '../files/attachments.js';
import type { AudienceResolver, SubjectDescriber } from '../notifications/notify.js';
import type { OutboxChannel } from '../outbox/outbox.js';
import type { RecordScope } from '../scope.js';
import type { Visibility } from '../scope.js';
import type { MetricDefinition, TileDefinition } from '../metrics/metrics.js';
import type { WarningRuleKind } from './warning-rules.js';
import type { GaugeSource } from '../observability/gauges.js';
import type { TransitionReaction } from '../workflow/workflow.js';
import type { ImportKind } from '../imports/kind.js';
import type { EvidenceListener, EvidenceSource } from './evidence.js';

export interface ModuleDefinition {
  /** The folder name under `modules/`. */
  name: string;
  /** The permissions its routes and rules check (declared in `contracts/src/<domain>/permissions.ts`). */
  permissions: readonly Permission[];
  /** The audit actions it writes (`<noun>.<verb>`). */
  auditActions: readonly string[];
  /** The error codes it throws (beyond the shared ones: validation, not found, forbidden...). */
  errors?: readonly ErrorCode[];
  /** The live-event types it publishes. */
  liveEvents?: readonly string[];
  /** What it provides to the platform. */
  provides?: Partial<Providers>;
  /**
   * Who sees its kinds of records, by kind: the rules its lists and reads use in SQL, and the
   * live feed and notifications use on one record's scope.
   */
  records?: Record<string, Visibility<RecordScope>>;
  /** Who may read an attachment one of its records claimed, by record kind. */
  attachmentOwners?: Record<string, OwnerReadable>;
  /** What the audit log shows for its kinds of objects instead of their ids, by object type. */
  auditLabels?: Record<string, AuditLabeler>;
  /** Notification audiences it resolves (`{ kind: 'department_members', departmentIds }`). */
  audiences?: Record<string, AudienceResolver>;
  /** What its records are, where and how urgent, for the notifications about them, by subject type. */
  subjects?: Record<string, SubjectDescriber>;
  /** Outbox channels it delivers through (device commands, partner webhooks). */
  channels?(kit: Kit): OutboxChannel[];
  /**
   * The figures it keeps for the dashboard (its `metrics.ts`): label, unit, the permission to
   * see each, the trigger fact that keeps it and the SQL that recounts it from its tables.
   */
  metrics?: readonly MetricDefinition[];
  /** The dashboard tiles that show its metrics (which metric, kind, order). */
  tiles?: readonly TileDefinition[];
  /** The kinds of risk-warning rule its data answers (warning-rules.ts). */
  warningRules?: readonly WarningRuleKind[];
  /**
   * What it does when another module's record changes state (`ticket.close`): run in that
   * transition's transaction (platform/workflow), so a module hears of another's records
   * without that module importing it.
   */
  reactions?: readonly TransitionReaction[];
  /**
   * What it offers to imports, by import kind (`arrival`): its columns, the permission that may
   * import it, the row check and the batch store (platform/imports/kind.ts). The imports module's
   * upload, preview, run, error report and template serve it without importing the module.
   */
  imports?: Record<string, ImportKind>;
  /**
   * What its data says about people's health risk (a case, a contact, an arrival): set-based SQL
   * the health codes read (kit/evidence.ts). Adding a source is one entry here.
   */
  evidence?: readonly EvidenceSource[];
  /** What it does when the evidence about some people changed (`evidenceChanged`), in that change's transaction. */
  onEvidenceChanged?: EvidenceListener;
  /** Operational gauges /metrics reads when scraped (an import's progress), next to the platform's own. */
  gauges?: readonly GaugeSource[];
  /** Set-up before routes are registered (loading a model, say). */
  init?(kit: Kit): Promise<void>;
  /** Its durable jobs; those with `repeatEveryMs` are recurring timers, scheduled at start. */
  jobs?(kit: Kit): JobDefinition<z.ZodType>[];
  /** How long its kinds of personal data are kept, and how they are purged (the daily retention job). */
  retention?: readonly RetentionRule[];
  /** Its HTTP routes. */
  routes?(app: App, kit: Kit): void | Promise<void>;
  /** Work that runs while the process runs (folds, caches fed by the live channel). */
  start?(kit: Kit): { stop(): Promise<void> } | void;
  /** Work at shutdown, after the HTTP server has closed (saving a model, say). */
  close?(kit: Kit): Promise<void>;
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition;
}

/** The names declared in a contracts table (permissions, audit actions), typed. */
export function namesOf<T extends object>(declared: T, prefix = ''): (keyof T & string)[] {
  return (Object.keys(declared) as (keyof T & string)[]).filter((k) => k.startsWith(prefix));
}
