/**
 * Drafts a survey campaign in the manager's subtree: the form must be published (its version is
 * fixed now), the alert rules are checked against the form's fields (the forms kit's definition
 * rules), and a list target is matched to households of the region now (what matched nothing is
 * kept and shown). Audited; the tasks are generated when it opens.
 */
import { randomUUID } from 'node:crypto';
import { divisionPrefix, type SurveyCampaignInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { codeInSubtree } from '../../platform/scope.js';
import type { Kit } from '../../platform/kit/kit.js';
import { ticketDeps } from '../tickets/deps.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { checkedDefinition } from '../../platform/forms/definition-rules.js';
import { findCurrentRegion } from '../regions/queries.js';
import { householdsByNumber } from '../registers/survey-targets.js';
import { surveyCampaign } from './tables.js';

const invalid = (field: string, code: string) => new AppError('VALIDATION_FAILED', { fields: [{ field, code }] });

export async function createCampaign(kit: Kit, ctx: ActorContext, input: SurveyCampaignInput): Promise<string> {
  const { db } = kit;
  if (ctx.actor.gridId !== null || !codeInSubtree(input.regionCode, ctx.actor.regionPrefix) || !(await findCurrentRegion(db, input.regionCode))) throw invalid('regionCode', 'REGION_CODE_INVALID');
  const form = await publishedForm(db, input.formKey, input.formVersion).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw invalid('formKey', 'NOT_FOUND');
    throw error;
  });
  const alertRules = input.alertRules ?? form.definition.alerts ?? [];
  // The rules name the form's fields: checked as the form's own alerts would be.
  checkedDefinition({ ...form.definition, alerts: alertRules }, ctx.locale);
  if (alertRules.some((r) => r.action === 'ticket') && !input.ticketCategoryId) throw invalid('ticketCategoryId', 'REQUIRED');
  if (input.ticketCategoryId && !(await ticketDeps(kit).categories.active({ id: input.ticketCategoryId }))) throw invalid('ticketCategoryId', 'TICKET_CATEGORY_INVALID');

  let targetIds: string[] | null = null;
  let unmatched: string[] = [];
  if (input.target.kind === 'list') {
    const found = await householdsByNumber(db, divisionPrefix(input.regionCode), input.target.householdNumbers);
    const seen = new Set(found.map((h) => h.number));
    unmatched = [...new Set(input.target.householdNumbers)].filter((n) => !seen.has(n));
    if (found.length === 0) throw new AppError('SURVEY_TARGET_EMPTY', { unmatched: unmatched.length });
    targetIds = found.map((h) => h.id);
  }

  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(surveyCampaign).values({
      id, regionCode: input.regionCode, name: input.name, formKey: form.key, formVersion: form.version, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt),
      target: input.target, targetIds, unmatched,
      alertRules, ticketCategoryId: input.ticketCategoryId ?? null, status: 'draft', version: 1, generation: 'waiting', genCursor: null, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'survey_campaign.create', objectType: 'survey_campaign', objectId: id, regionCode: input.regionCode,
      details: { name: input.name, form: `${form.key}@${form.version}`, target: input.target.kind, matched: targetIds?.length ?? null, unmatched: unmatched.length, alertRules: alertRules.length },
    });
    await publishLive(tx, { type: 'survey_campaign.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: { record: 'survey_campaign', regionCode: input.regionCode, state: 'draft' } });
  });
  return id;
}
