/**
 * The dialler and the call events.
 *
 * `callout.dispatch` (a durable job per campaign and moment) fills the free lines of a running
 * campaign inside its call windows: under the campaign's row lock it takes the due waiting
 * targets, skips a number already being called (by any campaign), and claims each call as a row
 * keyed by target and attempt, so a restart or a second process never dials the same attempt
 * twice. The phone is decrypted only then, after the commit, to hand to the provider; the
 * decryption is audited. Outside the windows it sleeps until the next one opens; it also wakes
 * when a retry falls due, and ends the campaign when every target has its final result.
 *
 * `handleCallEvent` is where every provider's events arrive (the simulator's jobs, a real
 * provider's webhook): ringing, answered, keys pressed (mapped in order onto the questions; the
 * repeat key and keys no option has are passed over), then busy / no answer / failed (retried
 * after the interval until the attempts run out) or the hang-up of an answered call, which
 * records the answers and what they write: a follow-up task for the grid worker (with its notice)
 * in the same transaction, a staff-recorded declaration through the declarations module by a
 * job (`callout.declare`; its daily rule makes a re-run replace, not add).
 */
import { and, asc, count, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CalloutEvent, CalloutEventType, CalloutScript, SimulatorSettings } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import { notify } from '../../platform/notifications/notify.js';
import { residentPhoneForDial } from '../registers/call-targets.js';
import type { StoredPrompt } from './speech.js';
import { telephonyOf } from './services.js';
import { calloutCall, calloutCampaign, calloutTarget, calloutTask } from './tables.js';
import { inWindow, nextWindowStart } from './windows.js';

export const DISPATCH_JOB = { name: 'callout.dispatch', payload: z.object({ campaignId: z.string() }) };
export const DECLARE_JOB = { name: 'callout.declare', payload: z.object({ targetId: z.string() }) };

/** A call the provider never reported on is given up after this long (as failed; the next attempt is a new call). */
const STALE_MS = 10 * 60_000;
const ANSWERED_STALE_MS = 30 * 60_000;

export interface Outcome {
  question: string;
  option: string;
  kind: 'declaration' | 'task';
  declarationId: string | null;
  taskId: string | null;
  abnormal: boolean | null;
  error: string | null;
}

const wake = (kit: Pick<Kit, 'jobs'>, tx: Db, campaignId: string, at: Date) =>
  kit.jobs.enqueue(tx, DISPATCH_JOB, { campaignId }, { runAt: at, singletonKey: `${DISPATCH_JOB.name}:${campaignId}:${at.getTime()}` });

interface Placed {
  callId: string;
  targetId: string;
  residentId: string;
  attempt: number;
}

/** One pass of the dialler over a campaign. */
export async function dispatchCampaign(kit: Kit, campaignId: string): Promise<{ placed: number; finished: boolean }> {
  const now = kit.clock.now();
  await sweepStale(kit, campaignId, now);
  const result = await kit.db.transaction(async (tx) => {
    const [c] = await tx.select().from(calloutCampaign).where(eq(calloutCampaign.id, campaignId)).for('update');
    if (!c || c.status !== 'running') return { placed: [] as Placed[], c: null, finished: false };
    const windows = c.windows as { start: string; end: string }[];
    const open = (await tx.select({ n: count() }).from(calloutTarget).where(and(eq(calloutTarget.campaignId, c.id), inArray(calloutTarget.status, ['pending', 'calling']))))[0]!.n;
    if (Number(open) === 0) return { placed: [], c, finished: true };
    if (!inWindow(now, windows)) {
      await wake(kit, tx, c.id, nextWindowStart(now, windows));
      return { placed: [], c, finished: false };
    }
    const calling = Number((await tx.select({ n: count() }).from(calloutTarget).where(and(eq(calloutTarget.campaignId, c.id), eq(calloutTarget.status, 'calling'))))[0]!.n);
    const free = c.concurrency - calling;
    const placed: Placed[] = [];
    if (free > 0) {
      const due = await tx
        .select()
        .from(calloutTarget)
        .where(
          and(
            eq(calloutTarget.campaignId, c.id), eq(calloutTarget.status, 'pending'), or(isNull(calloutTarget.nextAt), lte(calloutTarget.nextAt, now)),
            sql`not exists (select 1 from ${calloutTarget} busy where busy.status = 'calling' and busy.phone_hash = ${calloutTarget.phoneHash})`,
          ),
        )
        .orderBy(asc(calloutTarget.nextAt), asc(calloutTarget.seq))
        .limit(free * 2)
        .for('update', { skipLocked: true });
      const numbers = new Set<string>();
      for (const t of due) {
        if (placed.length >= free) break;
        // Two residents sharing a number (a household's landline) are called one after the other.
        if (!t.residentId || (t.phoneHash && numbers.has(t.phoneHash))) continue;
        if (t.phoneHash) numbers.add(t.phoneHash);
        const attempt = t.attempts + 1;
        const [call] = await tx
          .insert(calloutCall)
          .values({ id: crypto.randomUUID(), campaignId: c.id, targetId: t.id, attempt, status: 'placed', placedAt: now })
          .onConflictDoNothing()
          .returning({ id: calloutCall.id });
        if (!call) continue;
        await tx.update(calloutTarget).set({ status: 'calling', attempts: attempt, nextAt: null, updatedAt: now }).where(eq(calloutTarget.id, t.id));
        placed.push({ callId: call.id, targetId: t.id, residentId: t.residentId, attempt });
      }
      if (placed.length > 0) {
        // The numbers are decrypted for these calls only (after the commit): audited here, in the claim's transaction.
        await writeAudit(tx, systemContext(kit.clock, DISPATCH_JOB.name), {
          action: 'callout_call.dial', objectType: 'callout_campaign', objectId: c.id, regionCode: c.regionCode, details: { calls: placed.length, targets: placed.map((p) => p.targetId) },
        });
      }
    }
    // Wake again when the next retry falls due.
    const [next] = await tx
      .select({ at: sql<string>`min(${calloutTarget.nextAt})` })
      .from(calloutTarget)
      .where(and(eq(calloutTarget.campaignId, c.id), eq(calloutTarget.status, 'pending')));
    if (next?.at) {
      const at = new Date(next.at);
      if (at > now) await wake(kit, tx, c.id, at);
    }
    return { placed, c, finished: false };
  });
  if (result.finished && result.c) {
    const { transitionCampaign } = await import('./campaigns.js');
    await transitionCampaign(kit, systemContext(kit.clock, 'callout.finish'), campaignId, 'finish', {}).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'CALLOUT_STATE')) throw error;
    });
    return { placed: 0, finished: true };
  }
  if (!result.c) return { placed: 0, finished: false };
  const c = result.c;
  const provider = telephonyOf(kit);
  for (const p of result.placed) {
    const to = await residentPhoneForDial(kit.db, kit.vault, p.residentId);
    try {
      if (!to) throw new Error('no phone');
      await provider.place({
        callId: p.callId, to, attempt: p.attempt, script: c.script as CalloutScript, simulator: c.simulator as SimulatorSettings,
        prompts: (c.prompts as StoredPrompt[]).map((x) => ({ key: x.key, text: x.text, fileKey: x.fileKey })),
      });
    } catch {
      await handleCallEvent(kit, { callId: p.callId, type: 'failed' }, 'dialler');
    }
  }
  return { placed: result.placed.length, finished: false };
}

/** Calls a provider never finished: given up as failed (no answer yet) or hung up (answered). */
async function sweepStale(kit: Kit, campaignId: string, now: Date) {
  const stale = await kit.db
    .select({ id: calloutCall.id, status: calloutCall.status, placedAt: calloutCall.placedAt, answeredAt: calloutCall.answeredAt })
    .from(calloutCall)
    .where(and(eq(calloutCall.campaignId, campaignId), isNull(calloutCall.endedAt)));
  for (const s of stale) {
    if (s.status === 'answered' ? s.answeredAt && now.getTime() - s.answeredAt.getTime() > ANSWERED_STALE_MS : now.getTime() - s.placedAt.getTime() > STALE_MS) {
      await handleCallEvent(kit, { callId: s.id, type: s.status === 'answered' ? 'hangup' : 'failed' }, 'sweep');
    }
  }
}

/** The keys pressed, in order, onto the questions. */
export function answersOf(script: CalloutScript, digits: string): Record<string, string> {
  const answers: Record<string, string> = {};
  let i = 0;
  for (const d of digits) {
    const q = script.questions[i];
    if (!q) break;
    if (d === script.repeatKey) continue;
    if (q.options.some((o) => o.key === d)) {
      answers[q.key] = d;
      i++;
    }
  }
  return answers;
}

const RESULT_OF: Partial<Record<CalloutEventType, 'busy' | 'no_answer' | 'failed'>> = { busy: 'busy', no_answer: 'no_answer', failed: 'failed' };

/** One provider event (the webhook and the simulator alike). Events for an ended call change nothing. */
export async function handleCallEvent(kit: Kit, event: Pick<CalloutEvent, 'callId' | 'type' | 'digits'>, via: string): Promise<{ status: string }> {
  const ctx: RequestContext = systemContext(kit.clock, `callout.${via}`);
  const now = kit.clock.now();
  return kit.db.transaction(async (tx) => {
    const [call] = await tx.select().from(calloutCall).where(eq(calloutCall.id, event.callId)).for('update');
    if (!call) throw new AppError('CALLOUT_CALL_UNKNOWN');
    if (call.endedAt) return { status: call.result ?? call.status };
    const patch: Partial<typeof calloutCall.$inferInsert> = {};
    let result: 'answered' | 'busy' | 'no_answer' | 'failed' | null = null;
    if (event.type === 'ringing' && call.status === 'placed') patch.status = 'ringing';
    else if (event.type === 'answered' && call.status !== 'answered') Object.assign(patch, { status: 'answered', answeredAt: now });
    else if (event.type === 'dtmf' && call.status === 'answered' && event.digits) patch.digits = `${call.digits}${event.digits}`.slice(0, 100);
    else if (RESULT_OF[event.type]) result = RESULT_OF[event.type]!;
    else if (event.type === 'hangup') result = call.status === 'answered' ? 'answered' : 'no_answer';
    if (!result) {
      if (Object.keys(patch).length) await tx.update(calloutCall).set(patch).where(eq(calloutCall.id, call.id));
      return { status: (patch.status as string | undefined) ?? call.status };
    }
    await tx.update(calloutCall).set({ ...patch, result, status: 'ended', endedAt: now }).where(eq(calloutCall.id, call.id));
    const [t] = await tx.select().from(calloutTarget).where(eq(calloutTarget.id, call.targetId)).for('update');
    const [c] = await tx.select().from(calloutCampaign).where(eq(calloutCampaign.id, call.campaignId));
    if (!t || !c) return { status: result };
    const targetPatch: Partial<typeof calloutTarget.$inferInsert> = { lastResult: result, updatedAt: now };
    let written: Outcome[] = [];
    if (result === 'answered') {
      const script = c.script as CalloutScript;
      const answers = answersOf(script, patch.digits ?? call.digits);
      written = await writeOutcomes(kit, tx, ctx, c, t, script, answers, now);
      Object.assign(targetPatch, { status: 'answered', answers, outcomes: written, nextAt: null });
    } else if (t.attempts < c.maxAttempts && (c.status === 'running' || c.status === 'paused')) {
      Object.assign(targetPatch, { status: 'pending', nextAt: new Date(now.getTime() + c.retryMinutes * 60_000) });
    } else {
      Object.assign(targetPatch, { status: c.status === 'cancelled' || c.status === 'completed' ? 'cancelled' : result, nextAt: null });
    }
    await tx.update(calloutTarget).set(targetPatch).where(eq(calloutTarget.id, t.id));
    await writeAudit(tx, ctx, {
      action: 'callout_call.result', objectType: 'callout_campaign', objectId: c.id, regionCode: t.regionCode, ...(t.residentId ? { subject: t.residentId } : {}),
      details: { callId: call.id, target: t.seq, attempt: call.attempt, result, targetStatus: targetPatch.status, via, outcomes: written.map((o) => o.kind) },
    });
    // A line is free: the dialler looks again now.
    if (c.status === 'running') await wake(kit, tx, c.id, now);
    return { status: result };
  });
}

async function writeOutcomes(kit: Kit, tx: Db, ctx: RequestContext, c: typeof calloutCampaign.$inferSelect, t: typeof calloutTarget.$inferSelect, script: CalloutScript, answers: Record<string, string>, now: Date): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const q of script.questions) {
    const option = q.options.find((o) => o.key === answers[q.key]);
    if (!option || option.outcome.kind === 'none') continue;
    if (option.outcome.kind === 'task') {
      const [task] = await tx
        .insert(calloutTask)
        .values({
          id: crypto.randomUUID(), campaignId: c.id, targetId: t.id, residentId: t.residentId, gridId: t.gridId, regionCode: t.regionCode, questionKey: q.key, question: q.text, answer: option.label,
          note: option.outcome.note ?? null, status: 'open', version: 1, createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: calloutTask.id });
      out.push({ question: q.key, option: option.key, kind: 'task', declarationId: null, taskId: task?.id ?? null, abnormal: null, error: null });
      if (task) {
        await writeAudit(tx, ctx, { action: 'callout_task.create', objectType: 'callout_task', objectId: task.id, regionCode: t.regionCode, ...(t.residentId ? { subject: t.residentId } : {}), details: { campaignId: c.id, question: q.key, option: option.key } });
        const audience = t.gridId ? { kind: 'accounts_at' as const, permission: 'callout:task' as const, gridId: t.gridId } : { kind: 'accounts_at' as const, permission: 'callout:task' as const, regionCode: t.regionCode };
        await notify(tx, kit.registry.audiences, now, [{ subject: { type: 'callout_task', id: task.id }, kind: 'callout.follow_up', params: { campaign: c.name, name: t.nameMasked, question: q.text, answer: option.label }, audiences: [audience] }]);
      }
    } else {
      out.push({ question: q.key, option: option.key, kind: 'declaration', declarationId: null, taskId: null, abnormal: null, error: null });
    }
  }
  if (out.some((o) => o.kind === 'declaration')) await kit.jobs.enqueue(tx, DECLARE_JOB, { targetId: t.id }, { singletonKey: `${DECLARE_JOB.name}:${t.id}` });
  return out;
}

export const dispatchJob = (kit: Kit) =>
  defineJob({
    ...DISPATCH_JOB,
    async handle(p) {
      await dispatchCampaign(kit, p.campaignId);
    },
  });
