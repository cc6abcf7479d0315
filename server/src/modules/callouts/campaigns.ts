/**
 * Campaigns: drafted and edited in scope (the script, the targets, the windows and the limits
 * checked), listed and read in scope (audited), and stepped through the workflow kit. Approval
 * freezes the script and synthesizes its prompts (outside the transaction: speech takes time);
 * starting resolves the targets in one statement and queues the dialler; pausing stops new calls
 * (calls under way finish); completing or cancelling by hand ends the targets still waiting.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  DECLARATION_PERSON_FIELDS, divisionPrefix, maskIdNumber, maskPhone, validateIdNumber, validatePhone, type CalloutAction, type CalloutCreateRequest, type CalloutDetail, type CalloutListQuery,
  type CalloutProgress, type CalloutScript, type CalloutStatus, type CalloutSummary, type CalloutTarget, type CalloutUpdateRequest, type CallWindow, type SimulatorSettings,
} from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { rows } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { RequestContext } from '../../platform/context.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { callTargetResidents, maskPersonName, type CallTarget } from '../registers/call-targets.js';
import { DISPATCH_JOB } from './dialer.js';
import { synthesizePrompts, type StoredPrompt } from './speech.js';
import { speechOf } from './services.js';
import { calloutCampaign, calloutTarget, calloutTask } from './tables.js';
import { windowsValid } from './windows.js';
import { CAMPAIGN_VISIBILITY, campaignActions, campaignWorkflow, loadCampaign, manages, type CampaignRow } from './workflow.js';

type CampaignKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry' | 'vault' | 'files'>;

/** A list entry as stored: its keyed hash and mask, never the number. */
interface StoredEntry {
  field: 'phone' | 'id_number';
  hash: string;
  masked: string;
}
type StoredTarget = Exclude<CalloutTarget, { kind: 'list' }> | { kind: 'list'; entries: StoredEntry[] };

const scriptError = (reason: string) => new AppError('CALLOUT_SCRIPT_INVALID', { reason, fields: [{ field: 'script', code: 'CALLOUT_SCRIPT_INVALID' }] });
const PERSON_FIELDS = new Set<string>(Object.values(DECLARATION_PERSON_FIELDS));

export function checkScript(script: CalloutScript): void {
  const keys = new Set<string>();
  for (const q of script.questions) {
    if (keys.has(q.key)) throw scriptError(`question ${q.key} twice`);
    keys.add(q.key);
    const optionKeys = q.options.map((o) => o.key);
    if (new Set(optionKeys).size !== optionKeys.length) throw scriptError(`question ${q.key}: a key twice`);
    if (optionKeys.includes(script.repeatKey)) throw scriptError(`question ${q.key}: ${script.repeatKey} is the repeat key`);
    for (const o of q.options) {
      if (o.outcome.kind === 'declaration' && Object.keys(o.outcome.fields).some((f) => PERSON_FIELDS.has(f))) throw scriptError(`question ${q.key}: the person's fields come from the register`);
    }
  }
}

function storedTarget(kit: Pick<Kit, 'vault'>, target: CalloutTarget, now: Date): StoredTarget {
  if (target.kind !== 'list') return target;
  const entries = target.entries.map((raw, i): StoredEntry => {
    const phone = validatePhone(raw);
    if (phone) return { field: 'phone', hash: kit.vault.hash('phone', phone).toString('hex'), masked: maskPhone(phone) };
    const id = validateIdNumber(raw.toUpperCase(), now);
    if (id.ok) return { field: 'id_number', hash: kit.vault.hash('id_number', id.normalized).toString('hex'), masked: maskIdNumber(id.normalized) };
    throw new AppError('CALLOUT_TARGET_INVALID', { reason: `#${i + 1}`, fields: [{ field: `target.entries.${i}`, code: 'CALLOUT_TARGET_INVALID' }] });
  });
  return { kind: 'list', entries: [...new Map(entries.map((e) => [e.hash, e])).values()] };
}

function checked(kit: Pick<Kit, 'vault'>, ctx: ActorContext, input: CalloutCreateRequest) {
  if (!manages(ctx.actor, input.regionCode)) throw new AppError('CALLOUT_REGION', { fields: [{ field: 'regionCode', code: 'CALLOUT_REGION' }] });
  if (!windowsValid(input.windows)) throw new AppError('CALLOUT_WINDOW_INVALID', { fields: [{ field: 'windows', code: 'CALLOUT_WINDOW_INVALID' }] });
  checkScript(input.script);
  return {
    name: input.name, regionCode: input.regionCode, script: input.script, target: storedTarget(kit, input.target, ctx.clock.now()), windows: input.windows, concurrency: input.concurrency,
    maxAttempts: input.maxAttempts, retryMinutes: input.retryMinutes, simulator: input.simulator,
  };
}

export async function createCampaign(kit: CampaignKit, ctx: ActorContext, input: CalloutCreateRequest): Promise<CalloutDetail> {
  const fields = checked(kit, ctx, input);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  await kit.db.transaction(async (tx) => {
    await tx.insert(calloutCampaign).values({ id, ...fields, status: 'draft', prompts: [], version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'callout_campaign.create', objectType: 'callout_campaign', objectId: id, regionCode: input.regionCode, details: { name: input.name, target: input.target.kind, questions: input.script.questions.length } });
  });
  return readCampaign(kit, ctx, id, false);
}

/** A draft only (an approved script is frozen). */
export async function updateCampaign(kit: CampaignKit, ctx: ActorContext, id: string, input: CalloutUpdateRequest): Promise<CalloutDetail> {
  await kit.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, ctx.actor, id, true);
    if (!manages(ctx.actor, c.regionCode)) throw new AppError('FORBIDDEN');
    if (c.version !== input.version) throw new AppError('CALLOUT_VERSION_CONFLICT');
    if (c.status !== 'draft') throw new AppError('CALLOUT_STATE', { action: 'update', status: c.status });
    const { version: _v, ...rest } = input;
    const fields = checked(kit, ctx, rest);
    await tx.update(calloutCampaign).set({ ...fields, version: c.version + 1, updatedAt: ctx.clock.now() }).where(eq(calloutCampaign.id, id));
    await writeAudit(tx, ctx, { action: 'callout_campaign.update', objectType: 'callout_campaign', objectId: id, regionCode: fields.regionCode, details: { name: input.name, target: input.target.kind } });
  });
  return readCampaign(kit, ctx, id, false);
}

const EMPTY: CalloutProgress = { total: 0, pending: 0, calling: 0, answered: 0, busy: 0, noAnswer: 0, failed: 0, unmatched: 0, cancelled: 0, calls: 0 };

export async function progressOf(db: Db, ids: readonly string[]): Promise<Map<string, CalloutProgress>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: calloutTarget.campaignId, status: calloutTarget.status, n: count(), calls: sql<number>`sum(${calloutTarget.attempts})` }).from(calloutTarget).where(inArray(calloutTarget.campaignId, [...ids])).groupBy(calloutTarget.campaignId, calloutTarget.status);
  const out = new Map<string, CalloutProgress>();
  for (const r of found) {
    const p = out.get(r.id) ?? { ...EMPTY };
    const n = Number(r.n);
    p.total += n;
    p.calls += Number(r.calls ?? 0);
    const key = r.status === 'no_answer' ? 'noAnswer' : (r.status as Exclude<keyof CalloutProgress, 'total' | 'calls' | 'noAnswer'>);
    p[key] += n;
    out.set(r.id, p);
  }
  return out;
}

async function present(kit: Pick<Kit, 'db' | 'providers'>, found: readonly CampaignRow[]): Promise<CalloutSummary[]> {
  const [regions, progress] = await Promise.all([kit.providers.regionNames(kit.db, [...new Set(found.map((c) => c.regionCode))]), progressOf(kit.db, found.map((c) => c.id))]);
  return found.map((c) => ({
    id: c.id, name: c.name, status: c.status as CalloutStatus, regionCode: c.regionCode, regionName: regions.get(c.regionCode) ?? '', targetKind: (c.target as StoredTarget).kind,
    progress: progress.get(c.id) ?? { ...EMPTY }, createdAt: c.createdAt.toISOString(), startedAt: c.startedAt?.toISOString() ?? null, completedAt: c.completedAt?.toISOString() ?? null, version: c.version,
  }));
}

export async function listCampaigns(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: CalloutListQuery) {
  const { page, pageSize, status } = q;
  const where = and(recordVisible(ctx.actor, CAMPAIGN_VISIBILITY), status ? eq(calloutCampaign.status, status) : undefined) as SQL;
  const [found, [total]] = await Promise.all([
    kit.db.select().from(calloutCampaign).where(where).orderBy(desc(calloutCampaign.createdAt), desc(calloutCampaign.id)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(calloutCampaign).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'callout_campaign.list', objectType: 'callout_campaign', details: { status: status ?? null, page, shown: found.length } });
  return { items: await present(kit, found), total: Number(total?.n ?? 0), page, pageSize };
}

/** Per question, how many targets pressed each option. */
async function distribution(db: Db, c: CampaignRow) {
  const script = c.script as CalloutScript;
  const counts = await rows<{ q: string; k: string; n: number }>(
    db,
    sql`select a.key as q, a.value as k, count(*)::int as n from ${calloutTarget} t, jsonb_each_text(t.answers) a where t.campaign_id = ${c.id}::uuid group by a.key, a.value`,
  );
  const by = new Map(counts.map((r) => [`${r.q}\0${r.k}`, Number(r.n)]));
  return script.questions.map((q) => ({ question: q.key, text: q.text, options: q.options.map((o) => ({ key: o.key, label: o.label, count: by.get(`${q.key}\0${o.key}`) ?? 0 })) }));
}

export async function readCampaign(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, audited = true): Promise<CalloutDetail> {
  const c = await loadCampaign(kit.db, ctx.actor, id);
  const [[summary], dist, [outcomes]] = await Promise.all([
    present(kit, [c]),
    distribution(kit.db, c),
    rows<{ declarations: number; tasks: number }>(
      kit.db,
      sql`select (select count(*)::int from ${calloutTarget} t, jsonb_array_elements(t.outcomes) o where t.campaign_id = ${id}::uuid and o->>'declarationId' is not null) as declarations,
                 (select count(*)::int from ${calloutTask} k where k.campaign_id = ${id}::uuid) as tasks`,
    ),
  ]);
  if (audited) await writeAudit(kit.db, ctx, { action: 'callout_campaign.read', objectType: 'callout_campaign', objectId: id, regionCode: c.regionCode });
  const target = c.target as StoredTarget;
  return {
    ...summary!,
    script: c.script as CalloutScript,
    // A list's entries are shown as their count and masks only.
    target: target.kind === 'list' ? { kind: 'list', entries: target.entries.map((e) => e.masked) } : target,
    windows: c.windows as CallWindow[], concurrency: c.concurrency, maxAttempts: c.maxAttempts, retryMinutes: c.retryMinutes, simulator: c.simulator as SimulatorSettings,
    prompts: (c.prompts as StoredPrompt[]).map((p) => ({ key: p.key, text: p.text, synthesized: p.fileKey !== null, bytes: p.bytes, error: p.error })),
    distribution: dist, outcomes: { declarations: Number(outcomes?.declarations ?? 0), tasks: Number(outcomes?.tasks ?? 0) },
    actions: campaignActions(ctx.actor, c, ctx.clock.now()), canEdit: c.status === 'draft' && manages(ctx.actor, c.regionCode),
  };
}

/** The targets of a starting campaign, in one statement: residents (a list's matched ones) and a list's unmatched entries. */
async function resolveTargets(tx: Db, c: CampaignRow, now: Date): Promise<{ callable: number; unmatched: number }> {
  const target = c.target as StoredTarget;
  const prefix = divisionPrefix(c.regionCode);
  const query: CallTarget =
    target.kind === 'list'
      ? { kind: 'hashes', phoneHashes: target.entries.filter((e) => e.field === 'phone').map((e) => e.hash), idHashes: target.entries.filter((e) => e.field === 'id_number').map((e) => e.hash) }
      : target;
  const found = await rows<{ resident_id: string; household_id: string | null; grid_id: string; region_code: string; name: string; phone_masked: string | null; phone_hash: string; id_hash: string }>(tx, callTargetResidents(prefix, query));
  const matched = new Set(found.flatMap((r) => [r.phone_hash, r.id_hash]));
  const unmatched = target.kind === 'list' ? target.entries.filter((e) => !matched.has(e.hash)) : [];
  const values = [
    ...found.map((r) => ({ residentId: r.resident_id, householdId: r.household_id, gridId: r.grid_id, regionCode: r.region_code, nameMasked: maskPersonName(r.name), phoneMasked: r.phone_masked, phoneHash: r.phone_hash, status: 'pending' })),
    ...unmatched.map((e) => ({ residentId: null, householdId: null, gridId: null, regionCode: c.regionCode, nameMasked: e.masked, phoneMasked: e.field === 'phone' ? e.masked : null, phoneHash: null, status: 'unmatched' })),
  ].map((v, i) => ({ id: crypto.randomUUID(), campaignId: c.id, seq: i + 1, ...v, attempts: 0, answers: {}, outcomes: [], nextAt: null, updatedAt: now }));
  for (let i = 0; i < values.length; i += 500) await tx.insert(calloutTarget).values(values.slice(i, i + 500)).onConflictDoNothing();
  return { callable: found.length, unmatched: unmatched.length };
}

/** Targets still waiting when a campaign ends by hand. */
const endWaiting = (tx: Db, id: string, now: Date) =>
  tx.update(calloutTarget).set({ status: 'cancelled', nextAt: null, updatedAt: now }).where(and(eq(calloutTarget.campaignId, id), eq(calloutTarget.status, 'pending')));

export async function transitionCampaign(kit: CampaignKit & Pick<Kit, 'jobs'>, ctx: RequestContext, id: string, action: CalloutAction, input: { version?: number; note?: string }): Promise<void> {
  // Approval synthesizes the prompts first (outside the transaction); the transition then checks the state and version as usual.
  let prompts: StoredPrompt[] | null = null;
  if (action === 'approve' && ctx.actor) {
    const c = await loadCampaign(kit.db, ctx.actor, id);
    if (c.status === 'draft') prompts = await synthesizePrompts(kit.files, speechOf(kit as Kit), c.script as CalloutScript);
  }
  await runTransition(kit, ctx, campaignWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ tx, row, now }): Promise<Effects<CampaignRow, CalloutStatus>> => {
    const dispatchNow = { job: DISPATCH_JOB, payload: { campaignId: row.id }, runAt: now, key: `${DISPATCH_JOB.name}:${row.id}:${now.getTime()}` };
    switch (action) {
      case 'approve': {
        const made = prompts ?? [];
        return { status: 'approved', patch: { prompts: made, approvedBy: ctx.actor?.id ?? null }, data: { prompts: made.length, synthesized: made.filter((p) => p.fileKey).length } };
      }
      case 'start': {
        const { callable, unmatched } = await resolveTargets(tx, row, now);
        if (callable === 0) throw new AppError('CALLOUT_NO_TARGETS');
        return { status: 'running', patch: { startedAt: now }, timers: [dispatchNow], data: { targets: callable, unmatched } };
      }
      case 'pause':
        return { status: 'paused' };
      case 'resume':
        return { status: 'running', timers: [dispatchNow] };
      case 'complete':
      case 'cancel': {
        const ended = await endWaiting(tx, row.id, now).returning({ id: calloutTarget.id });
        return { status: action === 'complete' ? 'completed' : 'cancelled', patch: { completedAt: now }, data: { endedWaiting: ended.length } };
      }
      case 'finish':
        return { status: 'completed', patch: { completedAt: now } };
    }
  });
}
