/**
 * A key person's archive as data (platform/workflow): risk changes, hand-over to another grid,
 * and the receiving side's confirmation or refusal. Who sees one: holders of `keyperson:read`
 * whose scope holds its place (an operator's region, the grid worker of its own grid), and,
 * while a hand-over waits, also those whose scope holds the receiving grid.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { KpAction, KpStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { keyPerson } from './tables.js';

export type KeyPersonRow = typeof keyPerson.$inferSelect;

export interface Standing {
  /** Holds `keyperson:manage` at region level over the person's place. */
  manager: boolean;
  /** Holds `keyperson:handover` over the person's current place. */
  sender: boolean;
  /** Holds `keyperson:handover` over the receiving place of a waiting hand-over. */
  receiver: boolean;
}

export const KP_RULES: Rules<KpStatus, KpAction, Standing, { status: KpStatus }> = {
  change_risk: { from: ['active', 'handover'], who: (s) => s.manager },
  handover: { from: ['active'], who: (s) => s.sender },
  accept: { from: ['handover'], who: (s) => s.receiver },
  refuse: { from: ['handover'], who: (s) => s.receiver },
};

/** The scope of a key person on the live feed: its place, and the receiving place while handed over. */
export type KpScope = RecordScope & { handoverRegionCode?: string | null; handoverGridId?: string | null };

export const KEY_PERSON_VISIBILITY: Visibility<KpScope> = [
  {
    permission: 'keyperson:read',
    where: (actor) =>
      sql`(${gridRecordInScope(actor, keyPerson.regionCode, keyPerson.gridId)} or (${keyPerson.status} = 'handover' and ${gridRecordInScope(actor, sql`coalesce(${keyPerson.handoverRegionCode}, '')`, keyPerson.handoverGridId)}))`,
    test: (actor, k) =>
      placeInScope(actor, k) || (k.state === 'handover' && Boolean(k.handoverRegionCode) && placeInScope(actor, { regionCode: k.handoverRegionCode!, gridId: k.handoverGridId ?? null })),
  },
];

const holds = (actor: Actor, p: string) => (actor.permissions as readonly string[]).includes(p);

export function standingOf(actor: Actor, k: KeyPersonRow): Standing {
  const here = placeInScope(actor, k);
  const there = k.status === 'handover' && k.handoverRegionCode !== null && placeInScope(actor, { regionCode: k.handoverRegionCode, gridId: k.handoverGridId });
  return {
    manager: here && actor.gridId === null && holds(actor, 'keyperson:manage'),
    sender: here && holds(actor, 'keyperson:handover'),
    receiver: there && holds(actor, 'keyperson:handover'),
  };
}

export function kpActions(actor: Actor, k: KeyPersonRow, now: Date): KpAction[] {
  return allowedActions(KP_RULES, { status: k.status as KpStatus }, standingOf(actor, k), now);
}

/** The archive if the actor may see it (any archive for the system), optionally locked; else not found. */
export async function loadKeyPerson(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<KeyPersonRow> {
  const query = db.select().from(keyPerson).where(and(eq(keyPerson.id, id), actor ? recordVisible(actor, KEY_PERSON_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const kpScope = (k: KeyPersonRow): KpScope => ({ record: 'key_person', regionCode: k.regionCode, gridId: k.gridId, state: k.status, handoverRegionCode: k.handoverRegionCode, handoverGridId: k.handoverGridId });

export const keyPersonWorkflow: Workflow<KeyPersonRow, KpStatus, KpAction, Standing, { status: KpStatus }> = {
  kind: 'key_person',
  rules: KP_RULES,
  errors: { state: 'KEYPERSON_STATE', version: 'KEYPERSON_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadKeyPerson(tx, actor, id, true),
  id: (k) => k.id,
  version: (k) => k.version,
  regionCode: (k) => k.regionCode,
  subject: async (_tx, k) => ({ status: k.status as KpStatus }),
  standing: async (_tx, actor, k) => standingOf(actor, k),
  async save(tx, k, { status, patch, version, now }) {
    const next = { ...k, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(keyPerson).set(columns).where(eq(keyPerson.id, k.id));
    return next;
  },
  // The live event names nothing: no person, no category, no level.
  liveScope: async (_tx, k) => kpScope(k),
};
