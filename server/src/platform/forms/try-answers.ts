/**
 * A dry run of answers against a version (the admin's preview, a module's page before it
 * submits): nothing is stored. Drafts only for `form:config`; retired versions refuse like a
 * submission would. The value comes back with ID numbers and phones masked.
 */
import { maskAnswers, type RaisedAlert } from '@gridgov/contracts';
import { localDate } from '../time-zone.js';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { storedDefinition } from './definition-rules.js';
import { findVersion } from './queries.js';
import { checkAnswers } from './validate-submission.js';

export async function tryAnswers(db: Db, ctx: ActorContext, key: string, version: number, answers: unknown): Promise<{ ok: true; value: Record<string, unknown>; alerts: RaisedAlert[] }> {
  const row = await findVersion(db, ctx.actor, key, version);
  if (row.status === 'retired') throw new AppError('FORM_RETIRED', { key, version });
  const def = storedDefinition(row.definition);
  const { value, alerts } = checkAnswers(def, answers, localDate(ctx.clock.now()), ctx.locale);
  return { ok: true, value: maskAnswers(def, value), alerts };
}
