import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../api/client';
import { translator } from '../../i18n/translate';
import { fieldProblems, schemaIssuePaths, serverFieldProblems, showFieldProblems } from './field-errors';

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

  it('puts the problems on the form\'s fields and says whether all of them found one', () => {
    const set: { name: string; errors: string[] }[] = [];
    const scrolled: string[] = [];
    const form = {
      getFieldsError: () => [{ name: ['code'], errors: [] }, { name: ['name'], errors: [] }],
      setFields: (fields: { name: string; errors: string[] }[]) => void set.push(...fields),
      scrollToField: (name: string) => void scrolled.push(name),
    } as unknown as Parameters<typeof showFieldProblems>[0];
    const onCode = failed('VALIDATION_FAILED', { fields: [{ field: 'code', code: 'PHONE_INVALID' }] });
    assert.equal(showFieldProblems(form, onCode, zh, 'zh-CN'), true);
    assert.deepEqual([set.map((f) => f.name), scrolled], [['code'], ['code']]);
    assert.ok(set[0]!.errors[0]!.length > 0);
    const elsewhere = failed('VALIDATION_FAILED', { fields: [{ field: 'code', code: 'PHONE_INVALID' }, { field: 'parentId', code: 'PHONE_INVALID' }] });
    assert.equal(showFieldProblems(form, elsewhere, zh, 'zh-CN'), false, 'one problem has no field here: shown as a whole');
    assert.equal(showFieldProblems(form, new Error('network'), zh, 'zh-CN'), false);
  });
});
