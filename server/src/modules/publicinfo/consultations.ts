/**
 * Residents' questions (在线咨询): asked from the portal, anonymously or signed in; answered by
 * staff of the question's region subtree; published or rejected with a reason. Phone and ID
 * numbers typed into a question are masked as it is stored (the masking rules of free text), so
 * neither staff nor the public ever see them; the asker's identity is never shown.
 */
import { randomUUID } from 'node:crypto';
import { maskFreeText, maskPhone, type ConsultationAction } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountById } from '../../platform/accounts/accounts.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { publishLive } from '../../platform/live/live.js';
import type { OutboxMessage } from '../../platform/outbox/outbox.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { findCurrentRegion } from '../regions/queries.js';
import { consultation } from './tables.js';
import { consultationWorkflow, type ConsultationRow } from './workflow.js';

/** Stores a question at a region (the resident's own when signed in), audited; the answerers of the region see it live. */
export async function askQuestion(db: Db, ctx: RequestContext, input: { regionCode: string; question: string }): Promise<{ id: string; status: 'asked' }> {
  if (!(await findCurrentRegion(db, input.regionCode))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(consultation).values({ id, regionCode: input.regionCode, question: maskFreeText(input.question), askedBy: ctx.actor?.id ?? null, status: 'asked', version: 1, askedAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'consultation.ask', objectType: 'consultation', objectId: id, regionCode: input.regionCode, details: { signedIn: ctx.actor !== null } });
    await publishLive(tx, { type: 'consultation.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'ask', status: 'asked' }, scope: { record: 'consultation', regionCode: input.regionCode, state: 'asked' } });
  });
  return { id, status: 'asked' };
}

type Step = (c: ConsultationRow, input: { answer?: string; note?: string }, now: Date, ctx: ActorContext) => Effects<ConsultationRow, ConsultationRow['status'] & string>;

const STEPS: Record<ConsultationAction, Step> = {
  answer: (_c, input, now, ctx) => ({ status: 'answered', patch: { answer: input.answer!, answeredAt: now, answeredBy: ctx.actor.id, rejectReason: null } }),
  publish: (_c, _input, now) => ({ status: 'published', patch: { publishedAt: now } }),
  reject: (_c, input) => ({ status: 'rejected', patch: { rejectReason: input.note! } }),
};

/** Tells a signed-in asker what became of the question: a notification, and an SMS through the outbox when the account has a phone. */
async function toAsker(kit: Pick<Kit, 'db' | 'vault'>, c: ConsultationRow, kind: string, params: Record<string, string>): Promise<Pick<Effects<ConsultationRow, string>, 'notices' | 'outbox'>> {
  if (!c.askedBy) return {};
  const account = await accountById(kit.db, c.askedBy);
  const outbox: OutboxMessage[] = account?.phone ? [{ channel: 'sms', recipient: maskPhone(account.phone), targetCipher: kit.vault.encrypt('phone', account.phone), kind, params }] : [];
  return { notices: [{ kind, params, audiences: [{ kind: 'users', userIds: [c.askedBy] }] }], outbox };
}

const brief = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

export async function transitionConsultation(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers' | 'vault'>, ctx: ActorContext, id: string, action: ConsultationAction, input: { version: number; answer?: string; note?: string }): Promise<void> {
  await runTransition(kit, ctx, consultationWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ tx, row, now }) => {
    const effects = STEPS[action](row, input, now, ctx);
    const told =
      action === 'publish' ? await toAsker({ db: tx, vault: kit.vault }, row, 'consultation.answered', { answer: brief(row.answer ?? '') })
      : action === 'reject' ? await toAsker({ db: tx, vault: kit.vault }, row, 'consultation.rejected', { reason: input.note ?? '' })
      : {};
    return { ...effects, ...told };
  });
}
