/**
 * Delivers the outbox after commit: SMS to reporters and WeChat-style webhooks to departments,
 * POSTed as JSON to the configured URLs. A failed delivery is retried with growing delays (1 min,
 * 2, 4, ... up to 8 attempts); without a configured URL a message is marked `disabled`.
 */
import { z } from 'zod';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { defineJob } from '../../platform/jobs/queue.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { outbox } from './tables.js';

export interface OutboxTargets {
  smsWebhookUrl: string | null;
  wechatWebhookUrl: string | null;
}

const MAX_ATTEMPTS = 8;
const BATCH = 50;

export const outboxJob = (vault: PiiVault, targets: OutboxTargets, send: typeof fetch = fetch) =>
  defineJob({
    name: 'tickets.outbox',
    payload: z.object({}),
    repeatEveryMs: 10_000,
    async handle(_payload, { db, clock }) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(outbox)
          .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
          .orderBy(asc(outbox.nextAttemptAt))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        for (const message of due) {
          const url = message.channel === 'sms' ? targets.smsWebhookUrl : targets.wechatWebhookUrl;
          if (!url) {
            await tx.update(outbox).set({ status: 'disabled' }).where(eq(outbox.id, message.id));
            continue;
          }
          const to = message.channel === 'sms' && message.targetCipher ? vault.decrypt('phone', message.targetCipher) : message.recipient;
          try {
            const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: message.id, channel: message.channel, to, ...(message.payload as object) }), signal: AbortSignal.timeout(10_000) });
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            await tx.update(outbox).set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, message.id));
          } catch (error) {
            const attempts = message.attempts + 1;
            await tx
              .update(outbox)
              .set({
                attempts,
                lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
                status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
                nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
              })
              .where(eq(outbox.id, message.id));
          }
        }
      });
    },
  });
