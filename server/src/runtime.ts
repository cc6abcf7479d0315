/**
 * Starts everything a GridGov process runs: database (migrated), live channel, job worker, the
 * modules (modules/index.ts) and the HTTP app. Used by main.ts, the tests and the benchmarks alike.
 */
import { storeTimeZone, useTimeZone } from './platform/time-zone.js';
import { AUDIT_ACTIONS, REGISTER_KINDS } from '@gridgov/contracts';
import type { Config } from './platform/config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Database } from './platform/db/client.js';
import { JobQueue } from './platform/jobs/queue.js';
import { Admission } from './platform/http/admission.js';
import { LiveHub } from './platform/live/live.js';
import { sessionPurgeJob } from './platform/auth/purge-job.js';
import { idempotencyPurgeJob } from './platform/http/idempotency.js';
import { declareAuditActions } from './platform/audit/write-audit.js';
import { PiiVault } from './platform/pii/vault.js';
import { loadPiiKey } from './platform/pii/keys.js';
import type { Kit, OperatorConsole, Providers, Registry } from './platform/kit/kit.js';
import { LocalFileStore } from './platform/files/store.js';
import { outboxBulkDeliveryJob, outboxDeliveryJob, releaseOutboxLeases } from './platform/outbox/outbox.js';
import { checkMetrics, MetricFolder } from './platform/metrics/metrics.js';
import { smsChannel, wechatChannel } from './platform/outbox/channels.js';
import type { App } from './platform/http/types.js';
import { buildApp } from './app.js';
import { auditCheckpointJob } from './platform/backup/audit-checkpoint.js';
import { PLATFORM_RETENTION, retentionJob } from './platform/retention/retention.js';
import { checkpointKeySource, loadKey } from './platform/backup/keys.js';
import { MODULES } from './modules/index.js';
import type { TransitionReaction } from './platform/workflow/workflow.js';

export interface Runtime {
  config: Config;
  clock: Clock;
  database: Database;
  jobs: JobQueue;
  live: LiveHub;
  vault: PiiVault;
  /** What the modules stand on; module services are reached through it (`ticketDeps(rt.kit)`). */
  kit: Kit;
  app: App;
  close(): Promise<void>;
}

const PROVIDERS: readonly (keyof Providers)[] = ['regionNames', 'gridNames', 'memberships', 'declaredUnflagged', 'arrivedResidents', 'openEventsCovering'];

/** What the modules provide to the platform, gathered; every provider must be there. */
function gatherProviders(): Providers {
  const providers: Partial<Providers> = {};
  for (const m of MODULES) Object.assign(providers, m.provides);
  const missing = PROVIDERS.filter((k) => !providers[k]);
  if (missing.length) throw new Error(`No module provides ${missing.join(', ')}`);
  return providers as Providers;
}

/** What the modules register by name, gathered; a name registered twice is a mistake. */
function gatherRegistry(partial: Omit<Kit, 'registry'>): Registry {
  const metrics = MODULES.flatMap((m) => m.metrics ?? []);
  const tiles = MODULES.flatMap((m) => m.tiles ?? []).sort((a, b) => a.order - b.order);
  checkMetrics(metrics, tiles);
  const reactions = new Map<string, TransitionReaction[]>();
  const registry: Registry = { attachmentOwners: new Map(), audiences: new Map(), subjects: new Map(), auditLabels: new Map(), channels: new Map(), records: new Map(), metrics, tiles, warningRules: new Map(), reactions, imports: new Map(), evidence: new Map(), evidenceListeners: [] };
  const add = <T>(map: Map<string, T>, what: string, entries: Record<string, T> | undefined) => {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (map.has(name)) throw new Error(`Two modules register the ${what} ${name}`);
      map.set(name, value);
    }
  };
  const kit = { ...partial, registry } as Kit;
  const platformChannels = [smsChannel(partial.vault, partial.config.smsWebhookUrl), wechatChannel(partial.config.wechatWebhookUrl, fetch, partial.vault)];
  add(registry.channels, 'outbox channel', Object.fromEntries(platformChannels.map((c) => [c.name, c])));
  for (const m of MODULES) {
    add(registry.records, 'record kind', m.records);
    add(registry.attachmentOwners, 'attachment owner', m.attachmentOwners);
    add(registry.audiences, 'audience', m.audiences);
    add(registry.subjects, 'notification subject', m.subjects);
    add(registry.auditLabels, 'audit label', m.auditLabels);
    add(registry.warningRules, 'warning rule kind', Object.fromEntries((m.warningRules ?? []).map((r) => [r.kind, r])));
    add(registry.channels, 'outbox channel', Object.fromEntries((m.channels?.(kit) ?? []).map((c) => [c.name, c])));
    add(registry.imports, 'import kind', m.imports);
    // Several modules may give one kind of evidence (fever: declarations and quarantine follow-ups): a source is the module's.
    add(registry.evidence, 'evidence source', Object.fromEntries((m.evidence ?? []).map((e) => [`${m.name}.${e.kind}`, e])));
    if (m.onEvidenceChanged) registry.evidenceListeners.push(m.onEvidenceChanged);
    for (const r of m.reactions ?? []) for (const on of r.on) reactions.set(on, [...(reactions.get(on) ?? []), r]);
  }
  // The register kinds are the imports module's own targets: a module's kind may not shadow one.
  for (const name of registry.imports.keys()) if ((REGISTER_KINDS as readonly string[]).includes(name)) throw new Error(`The import kind ${name} is a register kind`);
  return registry;
}

export async function startRuntime(config: Config, options: { clock?: Clock; database?: Database; operatorConsole?: OperatorConsole } = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const piiKey = loadPiiKey(config);
  // Production refuses to start without the checkpoint signing key (the demo generates one on first use).
  if (config.auditCheckpointFile && config.mode === 'production') loadKey(checkpointKeySource(config), config);
  const vault = new PiiVault(piiKey);
  useTimeZone(config.timeZone);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await storeTimeZone(database.db);
  const live = new LiveHub();
  await live.start(database);
  const jobs = new JobQueue(database.db, clock, undefined, config.jobLeaseMs);
  // The embedded database's folder lock proves no other process is working: what a killed
  // predecessor held (jobs, outbox messages being sent) is taken over now, not when its leases end.
  if (database.kind === 'pglite') {
    await jobs.releaseLeases();
    await releaseOutboxLeases(database.db, clock);
  }
  // Requests and jobs share one process's capacity; the job worker keeps a reserved share.
  const admission = new Admission(config.admission);
  jobs.gate = () => admission.acquire('jobs', 'always');
  const operatorConsole = options.operatorConsole ?? { write: (text: string) => void process.stdout.write(text) };
  const partial = {
    config, clock, database, db: database.db, live, jobs, vault, piiKey, files: new LocalFileStore(config.filesDir), admission, providers: gatherProviders(), operatorConsole,
  };
  const kit: Kit = { ...partial, registry: gatherRegistry(partial) };
  declareAuditActions(Object.keys(AUDIT_ACTIONS));

  for (const m of MODULES) await m.init?.(kit);
  const anchoring = config.auditCheckpointFile ? [auditCheckpointJob(config)] : [];
  const retention = retentionJob(kit, [...PLATFORM_RETENTION, ...MODULES.flatMap((m) => m.retention ?? [])]);
  const timers = [sessionPurgeJob, idempotencyPurgeJob, outboxDeliveryJob(kit.registry.channels, config.jobLeaseMs), outboxBulkDeliveryJob(kit.registry.channels, { leaseMs: config.jobLeaseMs, hold: database.kind === 'postgres' }), ...anchoring, retention, ...MODULES.flatMap((m) => m.jobs?.(kit) ?? [])];
  for (const job of timers) {
    jobs.register(job);
    if (job.repeatEveryMs) await jobs.schedule(database.db, job, {});
  }
  jobs.start(config.jobPollMs);
  // The modules' metrics fold in the background (metrics.ts); tests fold by hand.
  const folder = new MetricFolder(database.db, kit.registry.metrics);
  folder.start(config.jobPollMs);
  const running = [folder, ...MODULES.map((m) => m.start?.(kit))];
  const app = await buildApp(kit);
  return {
    config,
    clock,
    database,
    jobs,
    live,
    vault,
    kit,
    app,
    close: async () => {
      await app.close();
      admission.close();
      await jobs.stop();
      for (const r of running) await r?.stop();
      for (const m of MODULES) await m.close?.(kit);
      await live.stop();
      await database.close();
    },
  };
}
