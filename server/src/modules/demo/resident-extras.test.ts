import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESIDENT_TAGS } from '@gridgov/contracts';
import { generateCity } from './generate-city.js';
import { ageOf, taggedHouseholds, taggedResidents } from './resident-extras.js';

const city = generateCity({ seed: 42 });

test('tags: the same people for the same seed, others for another', () => {
  const tags = (c: typeof city) => [...taggedResidents(c)].map((r) => `${r.idNumber}:${r.tags.join(',')}:${r.ethnicity}`);
  assert.deepEqual(tags(generateCity({ seed: 42 })), tags(city));
  assert.notDeepEqual(tags(generateCity({ seed: 43 })), tags(city));
});

test('tags follow age and household: elderly living alone, party members, disabled, ...', () => {
  const counts = new Map<string, number>();
  let people = 0;
  for (const household of taggedHouseholds(city)) {
    for (const r of household) {
      people++;
      const age = ageOf(r.birthDate);
      for (const tag of r.tags) {
        assert.ok((RESIDENT_TAGS as readonly string[]).includes(tag), tag);
        counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      assert.equal(new Set(r.tags).size, r.tags.length);
      assert.equal(r.tags.includes('elderly_alone'), household.length === 1 && age >= 65, `${r.name} ${age} ${household.length}`);
      if (r.tags.includes('party_member')) assert.ok(age >= 18);
      if (r.tags.includes('left_behind_child')) assert.ok(age < 16 && Number(r.regionCode.slice(9)) >= 200);
      if (r.tags.includes('pregnant')) assert.equal(r.sex, 'female');
      assert.equal(r.nationality, '中国');
      assert.ok(household.every((m) => m.ethnicity === r.ethnicity));
    }
  }
  assert.equal(people, city.residentCount);
  for (const tag of ['elderly_alone', 'disabled', 'party_member', 'volunteer', 'chronic_illness']) assert.ok((counts.get(tag) ?? 0) > 0, tag);
  // About 7% of adults are party members: between 2% and 10% of everyone.
  const party = (counts.get('party_member') ?? 0) / people;
  assert.ok(party > 0.02 && party < 0.1, String(party));
});
