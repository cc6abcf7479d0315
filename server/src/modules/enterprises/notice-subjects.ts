/**
 * What a notification about a resumption application says besides its title: the enterprise and
 * the application's number. Read when the notification is read, and only for applications the
 * reader may still read (staff by scope, a filer by its current link to the enterprise).
 */
import { and, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { recordVisible } from '../../platform/scope.js';
import { organizationFacts } from '../registers/organization-facts.js';
import { enterpriseApplication } from './tables.js';
import { APPLICATION_VISIBILITY } from './workflow.js';

export async function describeApplications(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: enterpriseApplication.id, number: enterpriseApplication.number, organizationId: enterpriseApplication.organizationId })
    .from(enterpriseApplication)
    .where(and(inArray(enterpriseApplication.id, [...ids]), recordVisible(reader, APPLICATION_VISIBILITY)));
  const orgs = await organizationFacts(db, null, [...new Set(found.map((a) => a.organizationId))]);
  return new Map(found.map((a) => [a.id, { what: orgs.get(a.organizationId)?.name ?? a.number, where: a.number, urgent: false, dueAt: null }]));
}
