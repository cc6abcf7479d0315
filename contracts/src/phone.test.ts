import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskPhone, validateContactPhone, validatePhone } from './phone.js';

test('validatePhone normalises mainland mobiles', () => {
  const table: Array<[input: string, expected: string | null]> = [
    ['13812341234', '13812341234'],
    ['19912341234', '19912341234'],
    ['+8613812341234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['008613812341234', '13812341234'],
    [' 13812341234 ', '13812341234'],
    ['12812341234', null],
    ['1381234123', null],
    ['138123412345', null],
    ['+8512812341234', null],
    ['0736-7221234', null],
    ['', null],
  ];
  for (const [input, expected] of table) assert.equal(validatePhone(input), expected, input);
});

test('maskPhone', () => {
  assert.equal(maskPhone('13812341234'), '138****1234');
  assert.equal(maskPhone('07367221234'), '*******1234');
  assert.equal(maskPhone('110'), '***');
});

test('contact phones take mobiles and landlines with an area code', () => {
  assert.equal(validateContactPhone('+86 138 1234 1234'), '13812341234');
  assert.equal(validateContactPhone('0736-7251234'), '0736-7251234');
  assert.equal(validateContactPhone('010 12345678'), '01012345678');
  assert.equal(validateContactPhone('7251234'), null);
  assert.equal(validateContactPhone('12345678901'), null);
});
