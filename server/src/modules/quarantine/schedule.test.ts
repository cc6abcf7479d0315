import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_QUARANTINE_RULE, quarantinePlan } from '@gridgov/contracts';
import { addDays, computeSchedule, dayNo, kindOn } from './schedule.js';

describe('quarantine schedules', () => {
  it('close contacts: 7 days centralised then 3 at home, tests on days 1, 2, 3, 5, 7', () => {
    const s = computeSchedule(DEFAULT_QUARANTINE_RULE.close, '2026-12-01');
    assert.deepEqual(s.phases, [{ kind: 'centralised', from: '2026-12-01', to: '2026-12-07' }, { kind: 'home', from: '2026-12-08', to: '2026-12-10' }]);
    assert.equal(s.endDate, '2026-12-10');
    assert.equal(s.totalDays, 10);
    assert.equal(s.centralisedUntil, '2026-12-07');
    assert.deepEqual(s.testDates, ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-05', '2026-12-07']);
  });
  it('secondary contacts: 7 days at home, tests on days 1, 4, 7', () => {
    const s = computeSchedule(DEFAULT_QUARANTINE_RULE.secondary, '2026-12-30');
    assert.deepEqual(s.phases, [{ kind: 'home', from: '2026-12-30', to: '2027-01-05' }]);
    assert.equal(s.endDate, '2027-01-05');
    assert.equal(s.centralisedUntil, null);
    assert.deepEqual(s.testDates, ['2026-12-30', '2027-01-02', '2027-01-05']);
  });
  it('counts days across months and leap years, and tells where the person is', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(dayNo('2026-12-01', '2026-11-30'), 0);
    assert.equal(dayNo('2026-12-01', '2026-12-01'), 1);
    assert.equal(dayNo('2026-12-01', '2026-12-10'), 10);
    const { phases } = computeSchedule(DEFAULT_QUARANTINE_RULE.close, '2026-12-01');
    assert.equal(kindOn(phases, '2026-11-30'), 'centralised');
    assert.equal(kindOn(phases, '2026-12-07'), 'centralised');
    assert.equal(kindOn(phases, '2026-12-08'), 'home');
    assert.equal(kindOn(phases, '2026-12-20'), 'home');
  });
  it('refuses a test day beyond the quarantine', () => {
    assert.equal(quarantinePlan.safeParse({ phases: [{ kind: 'home', days: 7 }], testDays: [1, 8] }).success, false);
    assert.equal(quarantinePlan.safeParse({ phases: [{ kind: 'home', days: 7 }], testDays: [1, 7] }).success, true);
  });
});
