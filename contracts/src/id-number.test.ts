import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckChar, maskIdNumber, validateIdNumber } from './id-number.js';

const TODAY = new Date(2025, 5, 1); // 2025-06-01 local time

/** Builds a well-formed number (correct check character) from its first 17 digits. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

test('validateIdNumber table', () => {
  const table: Array<[id: string, expected: ReturnType<typeof validateIdNumber>]> = [
    [
      '11010519491231002X',
      { ok: true, normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', regionCode: '110105' },
    ],
    [
      '11010519491231002x',
      { ok: true, normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', regionCode: '110105' },
    ],
    [
      '440524188001010014',
      { ok: true, normalized: '440524188001010014', birthDate: '1880-01-01', sex: 'male', regionCode: '440524' },
    ],
    ['340524198001010013', { ok: false, reason: 'check_digit' }],
    [withCheck('43070219900230001'), { ok: false, reason: 'birth_date' }], // 30 February
    [withCheck('43070219901301001'), { ok: false, reason: 'birth_date' }], // month 13
    [withCheck('43070220250602001'), { ok: false, reason: 'birth_date' }], // tomorrow
    [withCheck('43070220250601001'), { ok: true, normalized: withCheck('43070220250601001'), birthDate: '2025-06-01', sex: 'male', regionCode: '430702' }],
    [withCheck('43070220000229002'), { ok: true, normalized: withCheck('43070220000229002'), birthDate: '2000-02-29', sex: 'female', regionCode: '430702' }],
    [withCheck('43070218991231002'), { ok: true, normalized: withCheck('43070218991231002'), birthDate: '1899-12-31', sex: 'female', regionCode: '430702' }],
    [withCheck('43070217991231002'), { ok: false, reason: 'birth_date' }], // before 1800
    [withCheck('43070219000229002'), { ok: false, reason: 'birth_date' }], // 1900 was not a leap year
    ['4307021990010100', { ok: false, reason: 'format' }],
    ['43070219900101001Y', { ok: false, reason: 'format' }],
    ['4307021990010100X1', { ok: false, reason: 'format' }],
    ['', { ok: false, reason: 'format' }],
  ];
  for (const [id, expected] of table) assert.deepEqual(validateIdNumber(id, TODAY), expected, id);
});

test('idCheckChar', () => {
  assert.equal(idCheckChar('11010519491231002'), 'X');
  assert.equal(idCheckChar('44052418800101001'), '4');
  assert.throws(() => idCheckChar('1101051949123100'), RangeError);
});

test('maskIdNumber shows the first and last two characters, no digit of the county or birth date', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '11**************2X');
  assert.equal(maskIdNumber('11010519491231002x'), '11**************2X');
  assert.equal(maskIdNumber('E1234567'), 'E1****67');
  assert.equal(maskIdNumber('123456'), '******');
  // An old mask (first 4 and last 4) masks again to the same as the number itself.
  assert.equal(maskIdNumber('1101**********002X'), maskIdNumber('11010519491231002X'));
});
