/**
 * How cases and contacts are shown: names masked (周**), a document-only person as such, the
 * case by its short number; evidence without internal ids. Residents' names come from the
 * register only for residents in the record's place (a case or contact the reader may see).
 */
import { and, inArray } from 'drizzle-orm';
import type { CaseStatus, CaseSummary, ContactEvidence, ContactStatus, ContactSummary, PersonKind, TracingRule } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { recordVisible } from '../../platform/scope.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { maskName } from '../registers/references.js';
import { residentFacts } from '../registers/person-facts.js';
import { exposureWindow, type StoredEvidence } from './trace.js';
import { epiContact } from './tables.js';
import { CONTACT_VISIBILITY, type CaseRow } from './workflow.js';

export type ContactRow = typeof epiContact.$inferSelect;

export const caseNoOf = (n: number) => `C${n}`;
const PERSON_KINDS: Record<string, PersonKind> = { r: 'resident', a: 'account', d: 'document' };

/** Masked names by resident id and account id. */
async function maskedNames(db: Db, residentIds: readonly string[], accountIds: readonly string[]) {
  const [residents, accounts] = await Promise.all([residentFacts(db, residentIds), accountNames(db, accountIds)]);
  return {
    resident: (id: string) => residents.get(id),
    account: (id: string) => {
      const n = accounts.get(id);
      return n ? maskName(n) : null;
    },
  };
}

export async function presentCases(
  kit: Pick<Kit, 'db' | 'providers'>,
  cases: readonly CaseRow[],
  more: { contacts: Map<string, number>; sourceNos: Map<string, number>; rule: TracingRule; now: Date },
): Promise<CaseSummary[]> {
  const [names, regions, grids] = await Promise.all([
    maskedNames(kit.db, cases.flatMap((c) => (c.residentId && c.name === null ? [c.residentId] : [])), []),
    kit.providers.regionNames(kit.db, [...new Set(cases.map((c) => c.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(cases.flatMap((c) => (c.gridId ? [c.gridId] : [])))]),
  ]);
  return cases.map((c) => {
    const r = c.residentId && c.name === null ? names.resident(c.residentId) : undefined;
    const window = exposureWindow(c, more.rule, more.now);
    return {
      id: c.id, caseNo: caseNoOf(c.caseNo), name: maskName(r?.name ?? c.name ?? ''), idNumberMasked: r?.idMasked ?? c.idMasked, status: c.status as CaseStatus,
      onsetDate: c.onsetDate, samplingDate: c.samplingDate, exposureFrom: window.from.toISOString(), exposureTo: window.to.toISOString(),
      regionCode: c.regionCode, regionName: regions.get(c.regionCode) ?? '', gridName: c.gridId ? (grids.get(c.gridId) ?? null) : null,
      sourceCaseNo: c.sourceCaseId && more.sourceNos.has(c.sourceCaseId) ? caseNoOf(more.sourceNos.get(c.sourceCaseId)!) : null,
      contacts: more.contacts.get(c.id) ?? 0, tracedAt: c.tracedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), version: c.version,
    };
  });
}

function presentEvidence(e: StoredEvidence): ContactEvidence {
  const { venueId: _venue, ...shown } = e as StoredEvidence & { venueId?: string };
  return shown as unknown as ContactEvidence;
}

/**
 * Contacts as the reader sees them. A secondary contact names its close contact (masked) only when
 * the reader may see that one too (`CONTACT_VISIBILITY`).
 */
export async function presentContacts(kit: Pick<Kit, 'db' | 'providers'>, reader: Actor, contacts: readonly ContactRow[], caseNos: Map<string, number>): Promise<ContactSummary[]> {
  const viaIds = [...new Set(contacts.flatMap((c) => (c.viaContactId ? [c.viaContactId] : [])))];
  const vias = viaIds.length ? await kit.db.select().from(epiContact).where(and(inArray(epiContact.id, viaIds), recordVisible(reader, CONTACT_VISIBILITY))) : [];
  const everyone = [...contacts, ...vias];
  const [names, regions, grids] = await Promise.all([
    maskedNames(kit.db, everyone.flatMap((c) => (c.residentId ? [c.residentId] : [])), everyone.flatMap((c) => (c.personKind === 'a' ? [c.personKey] : []))),
    kit.providers.regionNames(kit.db, [...new Set(contacts.map((c) => c.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(contacts.flatMap((c) => (c.gridId ? [c.gridId] : [])))]),
  ]);
  const nameOf = (c: ContactRow) => {
    const r = c.residentId ? names.resident(c.residentId) : undefined;
    if (r) return maskName(r.name);
    if (c.personKind === 'a') return names.account(c.personKey);
    return c.name ? maskName(c.name) : null;
  };
  const byId = new Map(vias.map((c) => [c.id, c]));
  return contacts.map((c) => {
    const via = c.viaContactId ? byId.get(c.viaContactId) : undefined;
    return {
      id: c.id, caseId: c.caseId, caseNo: caseNoOf(caseNos.get(c.caseId) ?? 0), name: nameOf(c), personKind: PERSON_KINDS[c.personKind] ?? 'document', degree: c.degree,
      viaName: via ? nameOf(via) : null, kinds: c.kinds as ContactSummary['kinds'], evidence: (c.evidence as StoredEvidence[]).map(presentEvidence),
      firstExposureAt: c.firstExposureAt.toISOString(), lastExposureAt: c.lastExposureAt.toISOString(), followUntil: c.followUntil.toISOString(), status: c.status as ContactStatus,
      regionCode: c.regionCode, regionName: regions.get(c.regionCode) ?? '', gridName: c.gridId ? (grids.get(c.gridId) ?? null) : null,
    };
  });
}
