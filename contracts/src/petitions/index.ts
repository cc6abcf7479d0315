/**
 * No-petition villages (无上访村): each month every village or community is assessed against a
 * set of criteria (data, set per locality, versioned) over its petitions (tickets under the
 * `petition` categories) and its disputes; the status (达标 / 未达标), the failed criteria with
 * their figures and the change from the month before are stored.
 */
import { z } from 'zod';
import { divisionCode } from '../common.js';

/** What a criterion measures, per village and month. */
export const PETITION_METRICS = ['beyond_township_petitions', 'collective_petitions', 'petitions', 'overdue_disputes', 'dispute_resolution_rate'] as const;
export type PetitionMetric = (typeof PETITION_METRICS)[number];
/** `max`: met while the figure is at most the threshold; `min`: met while it is at least the threshold (or there is nothing to rate). */
export const PETITION_METRIC_BOUND: Record<PetitionMetric, 'max' | 'min'> = {
  beyond_township_petitions: 'max',
  collective_petitions: 'max',
  petitions: 'max',
  overdue_disputes: 'max',
  dispute_resolution_rate: 'min',
};
export const VILLAGE_STATUSES = ['met', 'not_met'] as const;
export type VillageStatus = (typeof VILLAGE_STATUSES)[number];
/** How the month compares with the one before: lost (达标 then, not now), regained, kept, still not met, or first (no month before). */
export const VILLAGE_CHANGES = ['lost', 'regained', 'kept', 'still_not_met', 'first'] as const;
export type VillageChange = (typeof VILLAGE_CHANGES)[number];

export const petitionMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

const label = z.strictObject({ zh: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(100) });

export const petitionCriterion = z.strictObject({
  metric: z.enum(PETITION_METRICS),
  /** A count (0-100000) or, for the resolution rate, a percentage (0-100). */
  threshold: z.number().min(0).max(100_000),
  enabled: z.boolean(),
  label,
});
export type PetitionCriterion = z.infer<typeof petitionCriterion>;

export const petitionCriteriaInput = z.strictObject({
  /** The version of the caller's region's set being replaced; 0 when the region has none of its own yet. */
  version: z.number().int().min(0),
  /** A petition of this many people or more is a collective petition (集体访). */
  collectiveMinPeople: z.number().int().min(2).max(1000),
  criteria: z.array(petitionCriterion).min(1).max(10),
  note: z.string().trim().max(200).optional(),
});
export type PetitionCriteriaInput = z.infer<typeof petitionCriteriaInput>;

const criteriaVersion = z.object({
  version: z.number().int(),
  collectiveMinPeople: z.number().int(),
  criteria: z.array(petitionCriterion),
  note: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});

export const petitionCriteriaView = criteriaVersion.extend({
  /** The region the set belongs to ('' for the platform's default). */
  regionCode: z.string(),
  regionName: z.string(),
  /** The set comes from a region above the caller's (or is the default), not the caller's own. */
  inherited: z.boolean(),
  /** The caller may save a new version for their own region. */
  editable: z.boolean(),
  /** The version the caller's own region is at (0: none yet): what a save must name. */
  ownVersion: z.number().int(),
  history: z.array(criteriaVersion),
});
export type PetitionCriteriaView = z.infer<typeof petitionCriteriaView>;

/** A village's figures for a month. */
export const villageFigures = z.object({
  petitions: z.number().int(),
  beyondTownship: z.number().int(),
  collective: z.number().int(),
  overdueDisputes: z.number().int(),
  disputesConcluded: z.number().int(),
  disputesResolved: z.number().int(),
  /** Resolved out of concluded, in percent; null when none concluded. */
  resolutionRate: z.number().nullable(),
});
export type VillageFigures = z.infer<typeof villageFigures>;

/** One criterion as it was applied: its threshold then, the figure and the outcome. */
export const villageCheck = z.object({
  metric: z.enum(PETITION_METRICS),
  label: z.object({ zh: z.string(), en: z.string() }),
  bound: z.enum(['max', 'min']),
  threshold: z.number(),
  value: z.number().nullable(),
  passed: z.boolean(),
});
export type VillageCheck = z.infer<typeof villageCheck>;

export const villageMonth = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  townshipName: z.string(),
  month: z.string(),
  status: z.enum(VILLAGE_STATUSES),
  failed: z.array(z.enum(PETITION_METRICS)),
  checks: z.array(villageCheck),
  figures: villageFigures,
  change: z.enum(VILLAGE_CHANGES),
  criteriaRegion: z.string(),
  criteriaVersion: z.number().int(),
  computedAt: z.string(),
});
export type VillageMonth = z.infer<typeof villageMonth>;

export const villageListQuery = z.strictObject({
  month: petitionMonth.optional(),
  region: divisionCode.optional(),
  status: z.enum(VILLAGE_STATUSES).optional(),
  change: z.enum(VILLAGE_CHANGES).optional(),
});

export const villageList = z.object({
  /** The month shown (the newest assessed one when none was asked); null when none was assessed yet. */
  month: z.string().nullable(),
  /** The months assessed, newest first (at most 24). */
  months: z.array(z.string()),
  items: z.array(villageMonth),
  summary: z.object({ villages: z.number().int(), met: z.number().int(), notMet: z.number().int(), lost: z.number().int(), regained: z.number().int(), previousMet: z.number().int().nullable() }),
});
export type VillageList = z.infer<typeof villageList>;

export const villageDetail = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  townshipName: z.string(),
  /** The asked (or newest) month; null when the village was not assessed that month. */
  current: villageMonth.nullable(),
  /** The twelve months up to the asked one, oldest first; a month not assessed is null. */
  history: z.array(z.object({ month: z.string(), entry: villageMonth.nullable() })),
});
export type VillageDetail = z.infer<typeof villageDetail>;

export const villageComputeInput = z.strictObject({ month: petitionMonth });
export const villageComputeResult = z.object({ month: z.string(), villages: z.number().int(), met: z.number().int(), notMet: z.number().int(), changed: z.number().int() });
export type VillageComputeResult = z.infer<typeof villageComputeResult>;

export * from './permissions.js';
export * from './audit.js';
