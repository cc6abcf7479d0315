/**
 * Notifications at each step of a module's work: the module names who is concerned as audiences
 * (`{ kind: 'users', userIds }`, `{ kind: 'accounts_at', permission, regionCode | gridId }`, or
 * an audience kind a module registered, such as a department's members); the platform resolves
 * them through the registry and writes one row per person in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { MessageParams, Permission } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { Actor } from '../context.js';
import { accountsAt } from '../accounts/accounts.js';
import { notification } from './tables.js';

export type Audience =
  | { kind: 'users'; userIds: readonly (string | null)[] }
  | { kind: 'accounts_at'; permission: Permission; regionCode?: string; gridId?: string | null }
  | { kind: string; [key: string]: unknown };

/** Turns an audience a module registered into account ids. */
/** What notifications' subjects of one kind are, where and how urgent, for a reader: only those the reader may read. */
export type SubjectDescriber = (db: Db, reader: Actor, ids: readonly string[]) => Promise<Map<string, NoticeAbout>>;
export interface NoticeAbout {
  what: string;
  where: string | null;
  urgent: boolean;
  dueAt: string | null;
}

export type AudienceResolver = (db: Db, audience: { kind: string; [key: string]: unknown }) => Promise<string[]>;

export interface Notice {
  subject: { type: string; id: string };
  kind: string;
  params: MessageParams;
  audiences: readonly Audience[];
  /** Who caused it (never told of their own act). */
  except?: string | null;
}

async function resolve(db: Db, audience: Audience, resolvers: ReadonlyMap<string, AudienceResolver>): Promise<string[]> {
  if (audience.kind === 'users') return (audience.userIds as readonly (string | null)[]).filter((id): id is string => Boolean(id));
  if (audience.kind === 'accounts_at') {
    const { permission, regionCode, gridId } = audience as { permission: Permission; regionCode?: string; gridId?: string | null };
    return gridId ? accountsAt(db, permission, { gridId }) : regionCode ? accountsAt(db, permission, { regionCode }) : [];
  }
  const resolver = resolvers.get(audience.kind);
  if (!resolver) throw new Error(`No module resolves the audience ${audience.kind}`);
  return resolver(db, audience);
}

/** Writes the notices' rows (each person once per notice) in the caller's transaction. */
export async function notify(tx: Db, resolvers: ReadonlyMap<string, AudienceResolver>, now: Date, notices: readonly Notice[]): Promise<void> {
  const values = [];
  for (const n of notices) {
    const users = new Set<string>();
    for (const a of n.audiences) for (const id of await resolve(tx, a, resolvers)) users.add(id);
    if (n.except) users.delete(n.except);
    for (const userId of users) {
      values.push({ id: randomUUID(), userId, subjectType: n.subject.type, subjectId: n.subject.id, kind: n.kind, params: n.params, createdAt: now });
    }
  }
  if (values.length) await tx.insert(notification).values(values);
}
