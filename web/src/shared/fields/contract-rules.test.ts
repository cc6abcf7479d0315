import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { residentInput } from '@gridgov/contracts';
import { translator } from '../../i18n/translate';
import { contractRule, numberOrNull, textOrNull } from './contract-rules';

const t = translator('zh-CN');

/** The message a rule gives for a value, or null when it passes. */
async function check(rule: ReturnType<typeof contractRule>, value: unknown): Promise<string | null> {
  assert.ok(typeof rule === 'object' && typeof rule.validator === 'function');
  try {
    await rule.validator({}, value, () => undefined);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('form rules from the contract', () => {
  it('checks a field as the server will, in the user\'s language', async () => {
    const name = contractRule(residentInput.shape.name, t);
    assert.equal(await check(name, '张三'), null);
    assert.equal(await check(name, ''), t('record.rule.required'));
    assert.equal(await check(name, 'x'.repeat(51)), t('record.rule.max', { n: '50' }));
  });

  it('leaves an optional field alone when it is empty', async () => {
    const notes = contractRule(residentInput.shape.notes, t);
    assert.equal(await check(notes, undefined), null);
    assert.equal(await check(notes, null), null);
  });

  it('skips an empty value when told (edit: empty keeps the stored ID number)', async () => {
    const id = contractRule(residentInput.shape.idNumber, t, { skipEmpty: true });
    assert.equal(await check(id, '   '), null);
    assert.equal(await check(contractRule(residentInput.shape.idNumber, t), ''), t('record.rule.required'));
  });

  it('turns blanks into null for optional fields', () => {
    assert.equal(textOrNull('  '), null);
    assert.equal(textOrNull(' 汉族 '), '汉族');
    assert.equal(numberOrNull(undefined), null);
    assert.equal(numberOrNull(Number.NaN), null);
    assert.equal(numberOrNull(0), 0);
  });
});
