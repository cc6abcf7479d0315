import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenAt, wallClockWeek } from './opening-hours.js';

describe('opening hours: open now', () => {
  const clinic = { mon: ['20:00-08:00'], tue: [], wed: ['08:00-12:00', '14:00-17:30'], sun: ['00:00-24:00'] };

  it('reads the weekday and time on the deployment\'s wall clock, not UTC', () => {
    // 2026-12-01 is a Tuesday; 17:00 UTC is 01:00 on Wednesday in Shanghai.
    assert.deepEqual(wallClockWeek(new Date('2026-12-01T17:00:00Z'), 'Asia/Shanghai'), { day: 'wed', minute: 60 });
    assert.deepEqual(wallClockWeek(new Date('2026-12-01T17:00:00Z'), 'UTC'), { day: 'tue', minute: 17 * 60 });
  });

  it('keeps a period that runs past midnight open into the next day, and closes it at its end', () => {
    // Monday 2026-11-30, Shanghai: 21:00 open; Tuesday 03:00 open (spilled over); Tuesday 08:00 closed.
    assert.equal(isOpenAt(clinic, new Date('2026-11-30T13:00:00Z'), 'Asia/Shanghai'), true);
    assert.equal(isOpenAt(clinic, new Date('2026-11-30T19:00:00Z'), 'Asia/Shanghai'), true);
    assert.equal(isOpenAt(clinic, new Date('2026-12-01T00:00:00Z'), 'Asia/Shanghai'), false);
    // Monday 19:59 is before the period.
    assert.equal(isOpenAt(clinic, new Date('2026-11-30T11:59:00Z'), 'Asia/Shanghai'), false);
  });

  it('answers differently for the same instant in another zone', () => {
    // 03:30 UTC on Wednesday is 11:30 in Shanghai (open in the morning period), 03:30 in UTC (closed).
    const at = new Date('2026-12-02T03:30:00Z');
    assert.equal(isOpenAt(clinic, at, 'Asia/Shanghai'), true); // 11:30 Wednesday
    assert.equal(isOpenAt(clinic, at, 'UTC'), false); // 03:30 Wednesday
  });

  it('opens the whole day with 00:00-24:00, including its last minute, and a Sunday night does not spill into Monday', () => {
    assert.equal(isOpenAt(clinic, new Date('2026-12-06T15:59:00Z'), 'Asia/Shanghai'), true); // Sunday 23:59
    assert.equal(isOpenAt(clinic, new Date('2026-12-06T16:30:00Z'), 'Asia/Shanghai'), false); // Monday 00:30
  });
});
