import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisionPrefix, isInSubtree, padDivisionCode, parseDivisionCode } from './division-code.js';

const valid: Array<[code: string, level: string, kind: string, prefix: string, parent: string | null]> = [
  ['110000000000', 'province', 'province', '11', null],
  ['820000000000', 'province', 'province', '82', null],
  ['430700000000', 'city', 'city', '4307', '430000000000'],
  ['110100000000', 'city', 'city', '1101', '110000000000'],
  ['110105000000', 'county', 'county', '110105', '110100000000'],
  ['419001000000', 'county', 'county', '419001', '419000000000'],
  ['430702001000', 'township', 'street', '430702001', '430702000000'],
  ['430702100000', 'township', 'town', '430702100', '430702000000'],
  ['430702200000', 'township', 'township', '430702200', '430702000000'],
  ['430702450000', 'township', 'township_like', '430702450', '430702000000'],
  ['430702001001', 'community', 'residents_committee', '430702001001', '430702001000'],
  ['430702101210', 'community', 'village_committee', '430702101210', '430702101000'],
  ['430702101599', 'community', 'committee_like', '430702101599', '430702101000'],
  // A city without counties (东莞): townships sit directly under county segment 00.
  ['441900003000', 'township', 'street', '441900003', '441900000000'],
  ['441900003001', 'community', 'residents_committee', '441900003001', '441900003000'],
];

const invalid: Array<[code: string, why: string]> = [
  ['000000000000', 'province 00'],
  ['991200000000', 'province 99'],
  ['160000000000', 'province 16'],
  ['720000000000', 'province 72'],
  ['110100000001', 'zero gap before the village'],
  ['110005000000', 'zero city before a county'],
  ['110105000001', 'zero township before a village'],
  ['1101', 'too short'],
  ['1101050000001', 'too long'],
  ['11010500000a', 'not digits'],
  [' 11010500000', 'space'],
  ['110105600000', 'township 600'],
  ['110105001600', 'village 600'],
  ['441900000001', 'zero county and township before a village'],
];

test('parseDivisionCode accepts valid codes of every level', () => {
  for (const [code, level, kind, prefix, parentCode] of valid) {
    assert.deepEqual(parseDivisionCode(code), { ok: true, level, kind, prefix, parentCode }, code);
  }
});

test('parseDivisionCode rejects invalid codes with a reason', () => {
  for (const [code, why] of invalid) {
    const parsed = parseDivisionCode(code);
    assert.equal(parsed.ok, false, `${code} (${why})`);
    if (!parsed.ok) assert.ok(parsed.reason.length > 0);
  }
});

test('isInSubtree uses the significant prefix', () => {
  assert.equal(isInSubtree('430702001001', '430000000000'), true);
  assert.equal(isInSubtree('430702001001', '430702001000'), true);
  assert.equal(isInSubtree('430702001001', '430702001001'), true);
  assert.equal(isInSubtree('430702001001', '430703000000'), false);
  assert.equal(isInSubtree('430702001001', '440000000000'), false);
  assert.equal(isInSubtree('430000000000', '430702000000'), false);
  assert.equal(isInSubtree('430702001001', '000000000000'), false);
});

test('divisionPrefix and padDivisionCode', () => {
  assert.equal(divisionPrefix('430702000000'), '430702');
  assert.throws(() => divisionPrefix('1101'), RangeError);
  assert.equal(padDivisionCode('4307'), '430700000000');
  assert.equal(padDivisionCode('43'), '430000000000');
  assert.equal(padDivisionCode('430702001'), '430702001000');
  assert.equal(padDivisionCode('430702001001'), '430702001001');
  assert.throws(() => padDivisionCode('430'), RangeError);
  assert.throws(() => padDivisionCode('43x7'), RangeError);
});
