/**
 * How long tracing data is kept (the platform's daily retention job; `GRIDGOV_RETAIN_<KIND>_DAYS`):
 * a contact whose follow-up ended longer ago than the period is deleted (one who became a case
 * stays with their case's record); a case excluded or closed longer ago is deleted with its
 * timeline and contacts. A later case caught from a deleted one keeps the link's end as "outside".
 */
import { and, inArray, lt, ne } from 'drizzle-orm';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { epiCase, epiCaseEvent, epiContact } from './tables.js';

export const tracingRetention: RetentionRule[] = [
  {
    kind: 'epi-contacts',
    what: 'contacts of cases (who met whom, where) whose follow-up ended',
    defaultDays: 180,
    purge: async (kit, before) => (await kit.db.delete(epiContact).where(and(lt(epiContact.followUntil, before), ne(epiContact.status, 'case'))).returning({ id: epiContact.id })).length,
  },
  {
    kind: 'epi-cases',
    what: 'excluded and closed cases, with their timeline and contacts',
    defaultDays: 365,
    purge: async (kit, before) =>
      kit.db.transaction(async (tx) => {
        const ended = await tx.delete(epiCase).where(and(inArray(epiCase.status, ['excluded', 'closed']), lt(epiCase.updatedAt, before))).returning({ id: epiCase.id });
        const ids = ended.map((c) => c.id);
        if (ids.length === 0) return 0;
        for (let i = 0; i < ids.length; i += 1000) {
          const part = ids.slice(i, i + 1000);
          await tx.delete(epiCaseEvent).where(inArray(epiCaseEvent.caseId, part));
          await tx.delete(epiContact).where(inArray(epiContact.caseId, part));
        }
        return ids.length;
      }),
  },
];
