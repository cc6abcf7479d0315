import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeCheckChar, validateCreditCode } from './credit-code.js';

test('credit codes: the published example passes, any changed character fails', () => {
  assert.equal(validateCreditCode('91350100M000100Y43'), '91350100M000100Y43');
  assert.equal(validateCreditCode('91350100m000100y43'), '91350100M000100Y43');
  assert.equal(validateCreditCode('91350100M000100Y44'), null);
  assert.equal(validateCreditCode('91350100M000100Y4'), null);
  // I, O, Z, S and V are not in the alphabet.
  assert.equal(validateCreditCode('91350100M00O100Y43'), null);
  assert.equal(creditCodeCheckChar('91430700MA4L0000X'), '8');
});
