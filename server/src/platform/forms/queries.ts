/**
 * Reading form definitions. Holders of `form:read` see published and retired versions; holders
 * of `form:config` also see drafts. Forms are the same everywhere: they carry no region.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { FormDefinition, FormStatus, FormSummary, FormVersion, FormVersionSummary } from '@gridgov/contracts';
import type { Actor } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import { accountNames } from '../accounts/accounts.js';
import { storedDefinition } from './definition-rules.js';
import { formDefinition } from './tables.js';

export type FormRow = typeof formDefinition.$inferSelect;

export function seesDrafts(actor: Actor): boolean {
  return actor.permissions.includes('form:config');
}

function summary(row: FormRow): FormVersionSummary {
  return {
    key: row.key,
    version: row.version,
    status: row.status as FormStatus,
    title: storedDefinition(row.definition).title,
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  };
}

export async function listForms(db: Db, actor: Actor): Promise<FormSummary[]> {
  const rows = await db
    .select()
    .from(formDefinition)
    .where(seesDrafts(actor) ? undefined : ne(formDefinition.status, 'draft'))
    .orderBy(formDefinition.key, desc(formDefinition.version));
  const forms = new Map<string, FormSummary>();
  for (const row of rows) {
    const version = summary(row);
    const form = forms.get(row.key);
    if (form) form.versions.push(version);
    else forms.set(row.key, { key: row.key, title: version.title, versions: [version] });
  }
  return [...forms.values()];
}

/** The row of a version the actor may see (a draft only with `form:config`), optionally locked. */
export async function findVersion(db: Db, actor: Actor | null, key: string, version: number, forUpdate = false): Promise<FormRow> {
  const query = db
    .select()
    .from(formDefinition)
    .where(and(eq(formDefinition.key, key), eq(formDefinition.version, version)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row || (row.status === 'draft' && (!actor || !seesDrafts(actor)))) throw notFound();
  return row;
}

export async function presentVersion(db: Db, row: FormRow): Promise<FormVersion> {
  const names = await accountNames(db, [row.createdBy, row.updatedBy, row.publishedBy, row.retiredBy]);
  const ref = (id: string | null) => (id ? { id, displayName: names.get(id) ?? id } : null);
  return {
    ...summary(row),
    definition: storedDefinition(row.definition),
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    createdBy: ref(row.createdBy),
    updatedBy: ref(row.updatedBy),
    publishedBy: ref(row.publishedBy),
    retiredBy: ref(row.retiredBy),
  };
}

export async function getFormVersion(db: Db, actor: Actor, key: string, version: number): Promise<FormVersion> {
  return presentVersion(db, await findVersion(db, actor, key, version));
}

export interface PublishedForm {
  key: string;
  version: number;
  definition: FormDefinition;
}

/** Parsed definitions by row id: a version's definition never changes once published. */
const definitions = new Map<string, FormDefinition>();

async function definitionOf(db: Db, id: string): Promise<FormDefinition> {
  let def = definitions.get(id);
  if (!def) {
    const [row] = await db.select({ definition: formDefinition.definition }).from(formDefinition).where(eq(formDefinition.id, id));
    if (!row) throw notFound();
    def = storedDefinition(row.definition);
    if (definitions.size >= 500) definitions.clear();
    definitions.set(id, def);
  }
  return def;
}

/**
 * A published form for other modules: the newest published version of a key, or the named one.
 * A named version that was retired is FORM_RETIRED (its answers are no longer taken); a draft or
 * a missing one is NOT_FOUND. The status is read every time; the definition only once.
 */
export async function publishedForm(db: Db, key: string, version?: number): Promise<PublishedForm> {
  const [row] = await db
    .select({ id: formDefinition.id, version: formDefinition.version, status: formDefinition.status })
    .from(formDefinition)
    .where(and(eq(formDefinition.key, key), version === undefined ? eq(formDefinition.status, 'published') : eq(formDefinition.version, version)))
    .orderBy(desc(formDefinition.version))
    .limit(1);
  if (!row || row.status === 'draft') throw notFound();
  if (row.status === 'retired') throw new AppError('FORM_RETIRED', { key, version: row.version });
  return { key, version: row.version, definition: await definitionOf(db, row.id) };
}
