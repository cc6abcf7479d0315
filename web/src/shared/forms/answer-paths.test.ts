import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages, getAt, isUnder, pathString, serverFieldErrors, setAt, shiftAfterRemoval, shownErrors } from './answer-paths.js';

describe('answer paths', () => {
  it('writes a path the engine understands', () => {
    assert.equal(pathString(['members', 1, 'temperature']), 'members[1].temperature');
    assert.equal(pathString(['address']), 'address');
  });

  it('sets a nested answer without touching the original, and removes a key with undefined', () => {
    const answers = { address: '花源路', members: [{ name: '张三' }, { name: '李四' }] };
    const next = setAt(answers, ['members', 1, 'temperature'], 38.2);
    assert.deepEqual(next.members, [{ name: '张三' }, { name: '李四', temperature: 38.2 }]);
    assert.deepEqual(answers.members[1], { name: '李四' }, 'the original is unchanged');
    assert.equal(next.address, '花源路');
    assert.deepEqual(setAt(next, ['address'], undefined), { members: next.members });
    assert.deepEqual(setAt({}, ['members', 0, 'name'], '王五'), { members: [{ name: '王五' }] });
    assert.equal(getAt(next, ['members', 1, 'temperature']), 38.2);
    assert.equal(getAt(next, ['members', 5, 'temperature']), undefined);
  });

  it('knows what lies under a path', () => {
    assert.ok(isUnder('members[1].name', 'members[1]'));
    assert.ok(isUnder('members[1].name', 'members'));
    assert.ok(!isUnder('members_count', 'members'));
  });

  it('moves later items\' paths up when an item is removed', () => {
    const marks = new Map([['address', 1], ['members[0].name', 2], ['members[1].name', 3], ['members[2].phone', 4], ['members[12].name', 5]]);
    assert.deepEqual([...shiftAfterRemoval(marks, 'members', 1)], [['address', 1], ['members[0].name', 2], ['members[1].phone', 4], ['members[11].name', 5]]);
  });

  it('shows the engine\'s messages for touched fields (or all after submitting), and the server\'s always', () => {
    const client = errorMessages(
      [
        { path: 'address', code: 'FORM_REQUIRED' },
        { path: 'members[0].temperature', code: 'FORM_MAX', params: { max: 43 } },
        { path: 'members[0].temperature', code: 'FORM_REQUIRED' },
      ],
      'zh-CN',
    );
    assert.equal(client.get('members[0].temperature'), '不能大于 43', 'the first message of a path');
    const server = serverFieldErrors({ errors: [{ path: 'members[1].id_number', code: 'FORM_ID_NUMBER', message: '身份证号码不正确' }, { nonsense: true }] });
    assert.deepEqual([...shownErrors(client, server, new Set(['members[0].temperature']), false).keys()], ['members[0].temperature', 'members[1].id_number']);
    assert.deepEqual([...shownErrors(client, new Map(), new Set(), true).keys()], ['address', 'members[0].temperature']);
    assert.deepEqual(serverFieldErrors(null).size, 0);
  });
});
