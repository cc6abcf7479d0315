/**
 * What the demo city's people carry besides identity: nationality, ethnicity and tags (独居老人,
 * 残疾人, 党员, ...), drawn per household from a seeded stream of its grid. `npm start`'s seed and
 * the bulk generator both take their residents from here, so they tag the same people.
 */
import { DEMO_REFERENCE_DATE, generateResidents, hash32, mulberry32, type DemoCity, type DemoResident } from './generate-city.js';
import type { Random } from './names.js';

export interface ResidentExtras {
  nationality: string;
  ethnicity: string;
  tags: string[];
}

export type TaggedResident = DemoResident & ResidentExtras;

/** The city's residents a household at a time (generateResidents yields members together). */
function* households(city: DemoCity): Generator<DemoResident[]> {
  let current: DemoResident[] = [];
  for (const r of generateResidents(city)) {
    const first = current[0];
    if (first && (first.household !== r.household || first.gridCode !== r.gridCode)) {
      yield current;
      current = [];
    }
    current.push(r);
  }
  if (current.length) yield current;
}

const REFERENCE_YEAR = Number(DEMO_REFERENCE_DATE.slice(0, 4));
export const ageOf = (birthDate: string): number => REFERENCE_YEAR - Number(birthDate.slice(0, 4));

/** Changde: mostly Han, Tujia in the west, Hui and Uyghur communities in Taoyuan. */
const ETHNICITIES: Array<[string, number]> = [['汉族', 0.895], ['土家族', 0.97], ['回族', 0.982], ['苗族', 0.99], ['维吾尔族', 0.995], ['白族', 1]];

function ethnicity(random: Random): string {
  const draw = random();
  return ETHNICITIES.find(([, p]) => draw < p)?.[0] ?? '汉族';
}

/** Tags of one person (RESIDENT_TAGS), from age, sex, household and chance. */
function tagsOf(random: Random, r: DemoResident, size: number, householdTags: readonly string[], village: boolean, elderlyOnly: boolean): string[] {
  const age = ageOf(r.birthDate);
  const tags = [...householdTags];
  if (size === 1 && age >= 65) tags.push('elderly_alone');
  if (elderlyOnly && size > 1 && age >= 65 && random() < 0.5) tags.push('left_behind_elderly');
  if (village && age < 16 && random() < 0.15) tags.push('left_behind_child');
  if (age >= 18 && random() < 0.07) tags.push('party_member');
  if (age >= 16 && age <= 75 && random() < 0.04) tags.push('volunteer');
  if (r.sex === 'male' && age >= 38 && random() < 0.02) tags.push('veteran');
  if (random() < 0.018) tags.push('disabled');
  if (age >= 55 && random() < 0.15) tags.push('chronic_illness');
  if (r.sex === 'female' && age >= 22 && age <= 38 && random() < 0.015) tags.push('pregnant');
  return tags;
}

/** Every household of the city, in the order generated, each member with their extras. */
export function* taggedHouseholds(city: DemoCity): Generator<TaggedResident[]> {
  let gridCode = '';
  let random: Random = mulberry32(0);
  let village = false;
  for (const members of households(city)) {
    const head = members[0]!;
    if (head.gridCode !== gridCode) {
      gridCode = head.gridCode;
      random = mulberry32(hash32(`${city.seed}|${gridCode}|residents-extra`));
      // Village committees have codes 200-399 in their last three digits.
      village = Number(head.regionCode.slice(9)) >= 200;
    }
    const people = ethnicity(random);
    const householdTags = random() < 0.025 ? ['low_income'] : [];
    const elderlyOnly = members.every((m) => ageOf(m.birthDate) >= 60);
    yield members.map((r) => ({ ...r, nationality: '中国', ethnicity: people, tags: tagsOf(random, r, members.length, householdTags, village, elderlyOnly) }));
  }
}

/** Every resident of the city with their extras. */
export function* taggedResidents(city: DemoCity): Generator<TaggedResident> {
  for (const members of taggedHouseholds(city)) yield* members;
}
