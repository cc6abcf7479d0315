/**
 * What the auditor reads instead of ids: the acting account's display name, the username a
 * failed sign-in tried, and a label for each object and data subject (a ticket's number, a
 * grid's name, a resident's masked name) from the labeler its module registered.
 */
import type { Db } from '../db/client.js';
import type { AuditLabeler, Kit } from '../kit/kit.js';
import { accountNames } from '../accounts/accounts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a stored id can name a uuid row (an audit entry's object id may be anything). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface LabelledFields {
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  objectType: string | null;
  objectId: string | null;
  subject: string | null;
  details: unknown;
}

export interface EntryLabels {
  actorDisplayName: string | null;
  attemptedUsername: string | null;
  objectLabel: string | null;
  subjectLabel: string | null;
}

const SIGN_IN_ACTIONS = new Set(['auth.login', 'auth.lockout', 'auth.enrolment']);

/** The username a refused sign-in tried: it is kept in the entry's details. */
function attemptedUsername(entry: LabelledFields): string | null {
  if (!SIGN_IN_ACTIONS.has(entry.action) || entry.outcome === 'success') return null;
  const username = (entry.details as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username : null;
}

/** Labels of the platform's own kinds and of every kind a module registered. */
function labelers(kit: Pick<Kit, 'providers' | 'registry'>): Map<string, AuditLabeler> {
  const own: [string, AuditLabeler][] = [
    ['user', (db, ids) => accountNames(db, ids.filter(isUuid))],
    ['grid', (db, ids) => kit.providers.gridNames(db, ids.filter(isUuid))],
    ['region', (db, ids) => kit.providers.regionNames(db, ids.filter((id) => /^\d{12}$/.test(id)))],
  ];
  return new Map([...own, ...kit.registry.auditLabels]);
}

/** The labels of a page of entries, in order; ids nobody can name stay unlabelled. */
export async function labelEntries(db: Db, kit: Pick<Kit, 'providers' | 'registry'>, entries: readonly LabelledFields[]): Promise<EntryLabels[]> {
  const byKind = new Map<string, Set<string>>();
  const want = (kind: string | null, id: string | null) => {
    if (!kind || !id) return;
    if (!byKind.has(kind)) byKind.set(kind, new Set());
    byKind.get(kind)!.add(id);
  };
  for (const e of entries) {
    want('user', e.actorId);
    want(e.objectType, e.objectId);
    // A data subject is a resident (registers write the resident's id).
    want('resident', e.subject);
  }
  const known = labelers(kit);
  const labels = new Map<string, Map<string, string>>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const labeler = known.get(kind);
      if (labeler) labels.set(kind, await labeler(db, [...ids]));
    }),
  );
  const label = (kind: string | null, id: string | null) => (kind && id ? (labels.get(kind)?.get(id) ?? null) : null);
  return entries.map((e) => ({
    actorDisplayName: label('user', e.actorId),
    attemptedUsername: attemptedUsername(e),
    objectLabel: label(e.objectType, e.objectId),
    subjectLabel: label('resident', e.subject),
  }));
}
