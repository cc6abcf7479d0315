/**
 * Every step after enrolment goes through the workflow kit: a risk (or management) level change
 * with its reason and history row; a hand-over to another grid, confirmed or refused by the
 * receiving side. Notices name no person: the reader opens the archive (audited) to see who.
 */
import { randomUUID } from 'node:crypto';
import { KP_RELEASED_PRISONER, type KpAction, type KpManagementLevel, type KpRiskLevel } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { liveGrid } from '../grids/queries.js';
import { intervalFor, visitRules } from './categories.js';
import { addDays } from './schedule.js';
import { kpRiskChange } from './tables.js';
import { keyPersonWorkflow, type KeyPersonRow } from './workflow.js';

export interface StepInput {
  version: number;
  riskLevel?: KpRiskLevel;
  managementLevel?: KpManagementLevel;
  toGridId?: string;
  reason?: string;
  note?: string;
}

type Step = (args: { tx: Db; row: KeyPersonRow; now: Date }) => Promise<Effects<KeyPersonRow, 'active' | 'handover'>>;

const toSender = (k: KeyPersonRow, kind: string, note = '') => ({ kind, params: { note }, audiences: [{ kind: 'users' as const, userIds: [k.handoverBy] }] });

export async function transitionKeyPerson(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: ActorContext, id: string, action: KpAction, input: StepInput): Promise<KeyPersonRow> {
  const steps: Record<KpAction, Step> = {
    async change_risk({ tx, row, now }) {
      const risk = input.riskLevel && input.riskLevel !== row.riskLevel ? input.riskLevel : null;
      if (input.managementLevel && row.categoryCode !== KP_RELEASED_PRISONER) throw new AppError('KEYPERSON_MANAGEMENT_LEVEL_INVALID', { fields: [{ field: 'managementLevel', code: 'KEYPERSON_MANAGEMENT_LEVEL_INVALID' }] });
      const management = input.managementLevel && input.managementLevel !== row.managementLevel ? input.managementLevel : null;
      if (!risk && !management) throw new AppError('KEYPERSON_RISK_UNCHANGED', { fields: [{ field: 'riskLevel', code: 'KEYPERSON_RISK_UNCHANGED' }] });
      const changes = [
        ...(risk ? [{ field: 'risk', fromLevel: row.riskLevel, toLevel: risk }] : []),
        ...(management ? [{ field: 'management', fromLevel: row.managementLevel, toLevel: management }] : []),
      ];
      await tx.insert(kpRiskChange).values(changes.map((c) => ({ id: randomUUID(), keyPersonId: row.id, ...c, reason: input.reason!, changedBy: ctx.actor.id, changedAt: now })));
      const patch: Partial<KeyPersonRow> = { ...(risk ? { riskLevel: risk } : {}), ...(management ? { managementLevel: management } : {}) };
      if (risk) {
        // The schedule follows the new level from the last visit (or enrolment) on.
        const interval = intervalFor(await visitRules(tx), row.regionCode, row.categoryCode, risk);
        Object.assign(patch, { visitIntervalDays: interval, nextVisitDue: addDays(row.lastVisitAt ?? row.createdAt, interval) });
      }
      return { patch, data: { changes: changes.map((c) => ({ field: c.field, from: c.fromLevel, to: c.toLevel })), reason: input.reason } };
    },
    async handover({ tx, row }) {
      const target = input.toGridId ? await liveGrid(tx, input.toGridId) : null;
      if (!target || target.id === row.gridId) throw new AppError('KEYPERSON_GRID_INVALID', { fields: [{ field: 'toGridId', code: 'KEYPERSON_GRID_INVALID' }] });
      return {
        status: 'handover',
        patch: { handoverGridId: target.id, handoverRegionCode: target.regionCode, handoverReason: input.reason!, handoverBy: ctx.actor.id },
        data: { fromGridId: row.gridId, toGridId: target.id, reason: input.reason },
        notices: [
          { kind: 'key_person.handover_requested', audiences: [{ kind: 'accounts_at', permission: 'keyperson:handover', gridId: target.id }, { kind: 'accounts_at', permission: 'keyperson:handover', regionCode: target.regionCode }] },
        ],
      };
    },
    async accept({ row }) {
      return {
        status: 'active',
        // The receiving grid takes the person over; its worker is named afterwards.
        patch: { gridId: row.handoverGridId!, regionCode: row.handoverRegionCode!, workerId: null, handoverGridId: null, handoverRegionCode: null, handoverReason: null, handoverBy: null },
        data: { fromGridId: row.gridId, toGridId: row.handoverGridId, note: input.note ?? null },
        notices: [toSender(row, 'key_person.handover_accepted')],
      };
    },
    async refuse({ row }) {
      return {
        status: 'active',
        patch: { handoverGridId: null, handoverRegionCode: null, handoverReason: null, handoverBy: null },
        data: { toGridId: row.handoverGridId, note: input.note },
        notices: [toSender(row, 'key_person.handover_refused', input.note)],
      };
    },
  };
  return runTransition(kit, ctx, keyPersonWorkflow, id, action, { version: input.version, note: input.note ?? input.reason ?? null }, ({ tx, row, now }) => steps[action]({ tx, row, now }));
}
