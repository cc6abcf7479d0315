import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ageOf, formatDateTime, orDash, pointText } from './format';

describe('formatting', () => {
  it('writes times in the user\'s language, 24-hour, and leaves what is not a time as it is', () => {
    const at = '2026-03-01T00:30:00.000Z';
    const zh = formatDateTime(at, 'zh-CN');
    const en = formatDateTime(at, 'en');
    assert.match(zh, /2026/);
    assert.doesNotMatch(zh, /AM|PM/);
    assert.match(en, /2026/);
    assert.doesNotMatch(en, /AM|PM/);
    assert.equal(formatDateTime(null, 'zh-CN'), '');
    assert.equal(formatDateTime('明天', 'zh-CN'), '明天');
  });

  it('shows nothing as a dash, and zero as zero', () => {
    assert.equal(orDash(null), '—');
    assert.equal(orDash(undefined), '—');
    assert.equal(orDash(''), '—');
    assert.equal(orDash(0), '0');
    assert.equal(orDash('101'), '101');
  });

  it('counts whole years of age, the birthday not yet reached not counted', () => {
    const today = new Date(2026, 2, 1);
    assert.equal(ageOf('1949-12-31', today), 76);
    assert.equal(ageOf('2000-03-01', today), 26);
    assert.equal(ageOf('2000-03-02', today), 25);
    assert.equal(ageOf(null, today), null);
    assert.equal(ageOf('not a date', today), null);
  });

  it('writes a point with six decimals, or a dash without one', () => {
    assert.equal(pointText(111.6921, 29.0312), '111.692100, 29.031200');
    assert.equal(pointText(null, 29), '—');
  });
});
