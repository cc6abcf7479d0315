import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useTimeZone } from '../time-zone.js';
import { readDateTime } from './cells.js';

describe('readDateTime', () => {
  useTimeZone('Asia/Shanghai');
  const at = (iso: string) => new Date(iso).toISOString();

  it('reads the forms Chinese spreadsheets write, as local time', () => {
    for (const written of ['2026-12-01 08:30', '2026/12/1 8:30', '2026.12.01 08:30:00', '2026年12月1日 8时30分', '2026年12月1日8:30', '2026-12-01T08:30', '20261201 0830', '２０２６－１２－０１　０８：３０']) {
      assert.equal(readDateTime(written)?.toISOString(), at('2026-12-01T00:30:00Z'), written);
    }
    assert.equal(readDateTime('2026-12-01')?.toISOString(), at('2026-11-30T16:00:00Z'));
  });

  it('reads the day count Excel stores for a date-time cell', () => {
    // 2026-12-01 is day 46357; 08:30 is 0.3541666...
    assert.equal(readDateTime(String(46357 + 8.5 / 24))?.toISOString(), at('2026-12-01T00:30:00Z'));
  });

  it('refuses what is not a date and time', () => {
    for (const bad of ['', '明天', '2026-02-30 08:00', '2026-12-01 25:00', '2026-12-01 08:61', '0', '99999999']) assert.equal(readDateTime(bad), null, bad);
  });
});
