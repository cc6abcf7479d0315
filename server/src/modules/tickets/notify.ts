/**
 * Notifications at each step: in-app rows for the people concerned, and outbox messages (SMS to
 * the reporter, WeChat-style webhooks to departments) written in the same transaction and
 * delivered after commit with retry (outbox-job.ts).
 */
import { randomUUID } from 'node:crypto';
import type { HandlingLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { departmentUserIds } from '../departments/queries.js';
import { accountsAt } from '../../platform/accounts/accounts.js';
import { handlingRegion } from './flow.js';
import { notification, outbox } from './tables.js';
import type { TicketRow } from './ticket-access.js';

export type Audience =
  | { kind: 'handlers'; level: HandlingLevel }
  | { kind: 'departments'; departmentIds: string[] }
  | { kind: 'reporter' }
  | { kind: 'users'; userIds: string[] };

export interface Notice {
  kind: string;
  title: string;
  body?: string;
}

async function recipients(tx: Db, t: TicketRow, audience: Audience): Promise<string[]> {
  switch (audience.kind) {
    case 'handlers':
      return audience.level === 'grid'
        ? t.gridId ? accountsAt(tx, 'ticket:handle', { gridId: t.gridId }) : []
        : accountsAt(tx, 'ticket:dispatch', { regionCode: handlingRegion(t.regionCode, audience.level) });
    case 'departments':
      return departmentUserIds(tx, audience.departmentIds);
    case 'reporter':
      return t.reporterUserId ? [t.reporterUserId] : [];
    case 'users':
      return audience.userIds;
  }
}

export async function notify(tx: Db, now: Date, t: TicketRow, audiences: Audience[], notice: Notice): Promise<void> {
  const users = new Set<string>();
  for (const a of audiences) for (const id of await recipients(tx, t, a)) users.add(id);
  if (users.size) {
    await tx.insert(notification).values([...users].map((userId) => ({ id: randomUUID(), userId, ticketId: t.id, kind: notice.kind, title: notice.title, body: notice.body ?? null, createdAt: now })));
  }
  const departments = audiences.flatMap((a) => (a.kind === 'departments' ? a.departmentIds : []));
  for (const departmentId of departments) {
    await tx.insert(outbox).values({ id: randomUUID(), channel: 'wechat', recipient: `department:${departmentId}`, payload: { ticket: t.number, kind: notice.kind, title: notice.title }, status: 'pending', nextAttemptAt: now, createdAt: now });
  }
  if (audiences.some((a) => a.kind === 'reporter') && t.reporterPhoneCipher) {
    await tx.insert(outbox).values({
      id: randomUUID(), channel: 'sms', recipient: t.reporterPhoneMasked ?? 'reporter', targetCipher: t.reporterPhoneCipher,
      payload: { ticket: t.number, kind: notice.kind, text: `【网格治理】您反映的问题（编号${t.number}）${notice.title}` }, status: 'pending', nextAttemptAt: now, createdAt: now,
    });
  }
}
