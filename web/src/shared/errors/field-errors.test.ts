import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../api/client';
import { translator } from '../../i18n/translate';
import { fieldProblems, schemaIssuePaths, serverFieldProblems } from './field-errors';

const zh = translator('zh-CN');
const failed = (code: ConstructorParameters<typeof ApiError>[0], details: unknown) => new ApiError(code, 'x', 400, details);

describe('server field errors', () => {
  it('reads the fields of a schema failure, an extra question by its key', () => {
    const error = failed('VALIDATION_FAILED', [
      { path: 'body.name', message: 'Too big' },
      { path: 'body.customFields.depth', message: 'Required' },
      { path: 'query.page', message: 'bad' },
    ]);
    assert.deepEqual(serverFieldProblems(error).map((p) => p.field), ['name', 'customFields.depth']);
    assert.deepEqual(schemaIssuePaths(failed('VALIDATION_FAILED', [{ path: 'body.customFields.0.key' }])), [['customFields', 0, 'key']]);
  });

  it('reads rules per field with their code and reason, one missing field, and refused departments', () => {
    const rules = failed('VALIDATION_FAILED', { fields: [{ field: 'idNumber', code: 'ID_NUMBER_INVALID', reason: 'check_digit' }, { field: 'phone', code: 'PHONE_INVALID' }] });
    assert.deepEqual(serverFieldProblems(rules), [
      { field: 'idNumber', code: 'ID_NUMBER_INVALID', reason: 'check_digit' },
      { field: 'phone', code: 'PHONE_INVALID', reason: null },
    ]);
    assert.deepEqual(serverFieldProblems(failed('TICKET_FIELD_REQUIRED', { field: 'note' })).map((p) => p.field), ['note']);
    assert.deepEqual(serverFieldProblems(failed('VALIDATION_FAILED', { departmentIds: ['d1'] })).map((p) => p.field), ['departmentIds']);
    assert.deepEqual(serverFieldProblems(new Error('not from the server')), []);
  });

  it('says on each field what is wrong, in the user\'s language', () => {
    const rules = failed('VALIDATION_FAILED', { fields: [{ field: 'idNumber', code: 'ID_NUMBER_INVALID', reason: 'check_digit' }, { field: 'x', code: 'NOPE' }] });
    assert.deepEqual(fieldProblems(rules, zh, 'zh-CN'), [
      { field: 'idNumber', message: zh('record.idReason.check_digit') },
      { field: 'x', message: zh('record.rule.invalid') },
    ]);
  });
});
