/**
 * The epidemic situation (疫情态势) of a region: per child region the WHO contact-tracing
 * indicators over a period, the daily trend, and cases and contacts per grid for the maps.
 * Counts only: nothing here names or points at a person.
 */
import { z } from 'zod';
import { divisionCode } from '../common.js';

const day = z.iso.date();
const share = z.number().min(0).max(1).nullable();

/** Period of the indicators: `from` to `to` (local days, both included); default the last 14 days. */
export const situationQuery = z.strictObject({ from: day.optional(), to: day.optional(), region: divisionCode.optional() });
export type SituationQuery = z.infer<typeof situationQuery>;

/** One region's figures over the period; a share is null when its denominator is 0. */
export const situationFigures = z.object({
  /** Cases recorded in the period (suspected or confirmed), and of them confirmed now. */
  newCases: z.number().int(),
  confirmed: z.number().int(),
  /** Share of the new cases that were on a contact list first (WHO: new cases from contact lists). */
  fromContactsShare: share,
  /** Share of the new cases whose contacts were first traced within 24 hours of recording. */
  tracedWithin24hShare: share,
  /** Contacts found in the period, and contacts per new case. */
  newContacts: z.number().int(),
  contactsPerCase: z.number().nullable(),
  /** Contacts under follow-up on the last day of the period. */
  following: z.number().int(),
  /** Contacts whose follow-up ended in the period (their whole period passed or their case was excluded), and of them those who became cases. */
  ended: z.number().int(),
  becameCases: z.number().int(),
  /** Quarantine (隔离) follow-up: orders active in the period; the share of them followed up on every due day; of the orders that ended in the period, the share followed for the whole quarantine; lost to follow-up in the period. */
  quarantined: z.number().int(),
  followedDailyShare: share,
  completedShare: share,
  lost: z.number().int(),
});
export type SituationFigures = z.infer<typeof situationFigures>;

export const situationRegion = situationFigures.extend({ regionCode: z.string(), name: z.string() });

export const situationTrendDay = z.object({ day, newCases: z.number().int(), confirmed: z.number().int(), newContacts: z.number().int(), following: z.number().int() });

export const epidemicSituation = z.object({
  from: day,
  to: day,
  regionCode: z.string(),
  regionName: z.string(),
  total: situationFigures,
  regions: z.array(situationRegion),
  trend: z.array(situationTrendDay),
});
export type EpidemicSituation = z.infer<typeof epidemicSituation>;

/** Cases and contacts per grid (map layers): counts only, scoped like their lists. */
export const caseGridFigures = z.object({ items: z.array(z.object({ gridId: z.string(), open: z.number().int(), confirmed: z.number().int() })) });
export const contactGridFigures = z.object({ items: z.array(z.object({ gridId: z.string(), following: z.number().int(), close: z.number().int() })) });
