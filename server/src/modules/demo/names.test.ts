import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePhone } from '@gridgov/contracts';
import { mulberry32 } from './generate-city.js';
import { chineseNumber, givenName, mobilePhone, placeWord, roadName, surname, uniqueName } from './names.js';

test('chineseNumber', () => {
  const table: Array<[number, string]> = [[1, '一'], [9, '九'], [10, '十'], [12, '十二'], [20, '二十'], [45, '四十五'], [99, '九十九'], [120, '120']];
  for (const [n, text] of table) assert.equal(chineseNumber(n), text);
});

test('uniqueName numbers the word once the pool runs dry', () => {
  const used = new Set<string>();
  const names = Array.from({ length: 3 }, () => uniqueName(used, () => '新建', '村'));
  assert.deepEqual(names, ['新建村', '新建二村', '新建三村']);
});

test('name parts look right', () => {
  const random = mulberry32(3);
  const counts = new Map<string, number>();
  for (let i = 0; i < 5000; i++) {
    const name = surname(random);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  assert.ok((counts.get('王') ?? 0) > (counts.get('向') ?? 0), 'common surnames are more common');
  for (let i = 0; i < 200; i++) {
    assert.match(givenName(random, i % 2 ? 'male' : 'female', 1940 + (i % 80)), /^\p{Script=Han}{1,2}$/u);
    assert.match(placeWord(random), /^\p{Script=Han}{2}$/u);
    assert.match(roadName(random), /^\p{Script=Han}{3,4}$/u);
    const phone = mobilePhone(random);
    assert.equal(validatePhone(phone), phone);
  }
});
