import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalNumbers, maskFreeText } from './free-text.js';

test('masks phones and ID numbers in the forms people type them', () => {
  const cases: [string, string][] = [
    ['联系电话13812341234', '联系电话138****1234'],
    ['电话 138 1234 1234 找张师傅', '电话 138****1234 找张师傅'],
    ['138-1234-1234', '138****1234'],
    ['+86 138 1234 1234', '138****1234'],
    ['+8613812341234', '138****1234'],
    ['0086-138-1234-1234', '138****1234'],
    ['手机１３８１２３４１２３４', '手机138****1234'],
    ['身份证11010519491231002X', '身份证11**************2X'],
    ['身份证 110105 19491231 002X', '身份证 11**************2X'],
    ['ID 110105-19491231-002x', 'ID 11**************2X'],
    ['座机0736-7251234', '座机*******1234'],
    ['电话13812341234 20261123来电', '电话138****1234 20261123来电'],
    ['13812341234 13912345678', '138****1234 139****5678'],
    ['照片 https://img.example.com/13812341234.jpg 电话13812341234', '照片 https://img.example.com/13812341234.jpg 电话138****1234'],
  ];
  for (const [input, expected] of cases) assert.equal(maskFreeText(input), expected, input);
});

test('leaves numbers that are not personal alone', () => {
  for (const text of ['工单 20261123-000042 已办结', '2026-11-23 下午3点', '金额12345元', '门牌号 88 号 3 单元 502', '坐标 111.69, 29.03']) {
    assert.equal(maskFreeText(text), text, text);
    assert.deepEqual(findPersonalNumbers(text), [], text);
  }
});

test('finds what it masks', () => {
  assert.deepEqual(findPersonalNumbers('张 138 1234 1234，李 11010519491231002X').map((f) => f.kind), ['mobile', 'id_number']);
});
