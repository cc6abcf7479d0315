import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORY_PHRASES } from './training-phrases.js';
import {
  TICKET_CATEGORY_CODES,
  generateLabelledTickets,
  generateTicketText,
  pickTicketCategory,
  seededRandom,
} from './training-texts.js';

describe('training texts', () => {
  it('covers exactly the demo category leaves', () => {
    assert.deepEqual([...TICKET_CATEGORY_CODES], [
      'city.road', 'city.manhole', 'city.streetlight', 'city.garbage', 'city.illegal_building', 'city.street_vendor',
      'env.noise', 'env.smoke', 'env.water', 'security.theft', 'security.fire_risk', 'dispute.neighbor', 'dispute.labor',
      'dispute.property', 'safety.building', 'safety.gas', 'livelihood.water_supply', 'livelihood.heating',
      'livelihood.elderly', 'livelihood.social_security',
    ]);
    for (const code of TICKET_CATEGORY_CODES) {
      for (const near of CATEGORY_PHRASES[code].near) assert.notEqual(near, code);
    }
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const a = generateLabelledTickets(seededRandom(5), 50);
    assert.deepEqual(generateLabelledTickets(seededRandom(5), 50), a);
    assert.notDeepEqual(generateLabelledTickets(seededRandom(6), 50), a);
  });

  it('writes varied Chinese sentences with every slot filled', () => {
    const random = seededRandom(9);
    for (const code of TICKET_CATEGORY_CODES) {
      const texts = new Set<string>();
      for (let i = 0; i < 40; i += 1) {
        const text = generateTicketText(random, code);
        assert.match(text, /\p{Script=Han}{4,}/u);
        assert.match(text, /[。！？]$/u);
        assert.doesNotMatch(text, /[{}]|undefined/, text);
        texts.add(text);
      }
      assert.ok(texts.size >= 38, `${code}: ${texts.size} distinct of 40`);
    }
  });

  it('draws every category, the common ones more often', () => {
    const random = seededRandom(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const code = pickTicketCategory(random);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    assert.equal(counts.size, TICKET_CATEGORY_CODES.length);
    assert.ok((counts.get('env.noise') ?? 0) > 3 * (counts.get('safety.gas') ?? 0));
  });
});
