/**
 * Registers a dispute in a grid of the writer's scope from the answers to a published version of
 * `disputes.register`, validated from the definition; the parties' personal data goes to the
 * vault, the rest of the answers are kept as given. Audited, published on the live feed.
 */
import { randomUUID } from 'node:crypto';
import { DISPUTE_FORM_KEY, type DisputeInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { localDate } from '../../platform/time-zone.js';
import { gridsInScope } from '../grids/queries.js';
import { dispute, disputeParty } from './tables.js';
import { partyRows } from './parties.js';
import { disputeScope } from './workflow.js';

export async function createDispute(kit: Pick<Kit, 'db' | 'vault'>, ctx: ActorContext, input: DisputeInput): Promise<string> {
  const { db } = kit;
  const grid = (await gridsInScope(db, ctx.actor, [input.gridId])).get(input.gridId);
  if (!grid) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'gridId', code: 'REGISTER_GRID_INVALID' }] });
  const now = ctx.clock.now();
  const submission = await validateSubmission(db, DISPUTE_FORM_KEY, input.formVersion, input.answers, localDate(now), ctx.locale).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORM_RETIRED')) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'formVersion', code: 'DISPUTE_FORM_VERSION_INVALID' }] });
    throw error;
  });
  const { parties, ...answers } = submission.value;
  const id = randomUUID();
  const row = {
    id,
    gridId: grid.id,
    regionCode: grid.regionCode,
    name: String(answers.name ?? ''),
    category: String(answers.category ?? 'other'),
    scale: String(answers.scale ?? 'general'),
    occurredOn: String(answers.occurred_on ?? localDate(now)),
    deadline: String(answers.deadline ?? localDate(now)),
    formKey: DISPUTE_FORM_KEY,
    formVersion: submission.version,
    answers,
    status: 'registered',
    version: 1,
    mediatorLevel: null,
    departmentId: null,
    mediatorName: null,
    resolutionWay: null,
    agreement: null,
    resolution: null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const partyList = Array.isArray(parties) ? (parties as Record<string, unknown>[]) : [];
  await db.transaction(async (tx) => {
    await tx.insert(dispute).values(row);
    if (partyList.length > 0) await tx.insert(disputeParty).values(partyRows(kit.vault, id, partyList));
    await writeAudit(tx, ctx, {
      action: 'dispute.create',
      objectType: 'dispute',
      objectId: id,
      regionCode: grid.regionCode,
      details: { form: `${DISPUTE_FORM_KEY}@${submission.version}`, category: row.category, scale: row.scale, parties: partyList.length, alerts: submission.alerts.map((a) => a.key) },
    });
    await publishLive(tx, { type: 'dispute.changed', regionCode: grid.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'registered' }, scope: disputeScope(row) });
  });
  return id;
}
