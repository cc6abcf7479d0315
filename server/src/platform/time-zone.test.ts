import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayBounds, dayStart, localDate, useTimeZone } from './time-zone.js';

test('Beijing days: 07:07 on the 3rd is 23:07 UTC on the 2nd and belongs to the 3rd', () => {
  useTimeZone('Asia/Shanghai');
  const at = new Date('2026-12-02T23:07:00Z');
  assert.equal(localDate(at), '2026-12-03');
  assert.equal(localDate(at, 1), '2026-12-02');
  assert.equal(localDate(new Date('2026-03-01T03:00:00Z'), 1), '2026-02-28');
  assert.equal(dayStart('2026-12-03').toISOString(), '2026-12-02T16:00:00.000Z');
  assert.deepEqual(dayBounds('2026-12-03').map((d) => d.toISOString()), ['2026-12-02T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
});

test('another zone, with a daylight-saving night of 23 hours', () => {
  try {
    useTimeZone('Europe/Berlin');
    assert.equal(localDate(new Date('2026-12-02T23:07:00Z')), '2026-12-03');
    assert.equal(dayStart('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
    const [start, end] = dayBounds('2026-03-29');
    assert.equal((end.getTime() - start.getTime()) / 3_600_000, 23);
    assert.throws(() => useTimeZone('Mars/Olympus'), /not a time zone/);
  } finally {
    useTimeZone('Asia/Shanghai');
  }
});
