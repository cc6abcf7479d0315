import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormDefinition, FormField } from './definition.js';
import { validateAnswers, type FormError } from './validate-answers.js';
import { formErrorMessage } from './messages.js';
import { FORM_ERROR_CODES } from './field-values.js';
import { answerAttachmentIds, initialAnswers, maskAnswers } from './answers.js';
import { ID_1, ID_2, SURVEY, TODAY } from './survey.fixture.js';

const PHOTO_ID = '0b6a7c1e-6d5e-4a55-9b8e-3f1f7c2a9d10';
const SIGNATURE_ID = '5f0e2c7b-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

function validAnswers(): Record<string, unknown> {
  return {
    address: ' 花源路 8 号 ',
    visited_on: TODAY,
    nobody_home: false,
    members: [
      { name: '张三', id_number: ID_1.toLowerCase(), phone: '+86 138-1234-1234', temperature: 36.6, relation: 'self' },
      { name: '李四', temperature: 38.1, symptoms: ['sore_throat', 'cough', 'cough'], travelled: true, arrived_on: '2026-11-20' },
    ],
    contact: 'none',
    photos: [{ id: PHOTO_ID, name: 'door.jpg', contentType: 'image/jpeg', size: 1200 }],
    place: { lon: 111.69, lat: 29.03, address: ' 东门 ' },
    signature: { id: SIGNATURE_ID, contentType: 'image/png' },
    promise: true,
  };
}

function codes(errors: FormError[]): string[] {
  return errors.map((e) => `${e.path} ${e.code}`);
}

function single(field: FormField, value: unknown): { ok: boolean; value: unknown; errors: FormError[] } {
  const result = validateAnswers({ fields: [field] }, { [field.key]: value }, { today: TODAY });
  return { ok: result.ok, value: result.value[field.key], errors: result.errors };
}

const t = (zh: string) => ({ zh, en: zh });

describe('validateAnswers: the whole form', () => {
  it('accepts valid answers and normalises them', () => {
    const result = validateAnswers(SURVEY, validAnswers(), { today: TODAY });
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
    const value = result.value as { address: string; members: Record<string, unknown>[]; place: unknown; photos: unknown };
    assert.equal(value.address, '花源路 8 号');
    assert.equal(value.members[0]!.id_number, ID_1, 'ID number upper-cased');
    assert.equal(value.members[0]!.phone, '13812341234', 'phone without +86 and dashes');
    assert.deepEqual(value.members[1]!.symptoms, ['cough', 'sore_throat'], 'options in their order, once');
    assert.deepEqual(value.place, { lon: 111.69, lat: 29.03, address: '东门' });
    assert.deepEqual(value.photos, [{ id: PHOTO_ID, name: 'door.jpg', contentType: 'image/jpeg', size: 1200 }]);
  });

  it('reports required fields that show, with their paths, and never requires a hidden one', () => {
    const result = validateAnswers(SURVEY, { nobody_home: false, members: [{ name: '张三' }, { temperature: 36.5, travelled: true }] }, { today: TODAY });
    assert.equal(result.ok, false);
    assert.deepEqual(codes(result.errors), [
      'address FORM_REQUIRED',
      'visited_on FORM_REQUIRED',
      'members[0].temperature FORM_REQUIRED',
      'members[1].name FORM_REQUIRED',
      'members[1].arrived_on FORM_REQUIRED',
      'contact FORM_REQUIRED',
    ]);
    // contact_note is required but shows only after a contact: not reported.
    assert.ok(!result.errors.some((e) => e.path === 'contact_note'));
  });

  it('drops the answers of hidden fields from the value, without an error', () => {
    const answers = { ...validAnswers(), nobody_home: true, contact_note: '旧的说明' };
    const result = validateAnswers(SURVEY, answers, { today: TODAY });
    assert.deepEqual(result.errors, []);
    assert.equal('members' in result.value, false, 'members hidden when nobody is home');
    assert.equal('contact_note' in result.value, false);
    // Inside an item too: symptoms show only with a temperature from 37.3.
    const cool = validAnswers();
    (cool.members as Record<string, unknown>[])[1]!.temperature = 36.8;
    const value = validateAnswers(SURVEY, cool, { today: TODAY }).value as { members: Record<string, unknown>[] };
    assert.equal('symptoms' in value.members[1]!, false);
  });

  it('refuses unknown answer keys, at the root, in items, and for notes', () => {
    const answers: Record<string, unknown> = { ...validAnswers(), hobby: '钓鱼', intro: '说明文字' };
    (answers.members as Record<string, unknown>[])[0]!.nickname = '小张';
    const result = validateAnswers(SURVEY, answers, { today: TODAY });
    assert.deepEqual(codes(result.errors).sort(), ['hobby FORM_UNKNOWN_FIELD', 'intro FORM_UNKNOWN_FIELD', 'members[0].nickname FORM_UNKNOWN_FIELD']);
  });

  it('checks a repeat: required, at most maxItems, items must be objects', () => {
    const none = validateAnswers(SURVEY, { ...validAnswers(), members: [] }, { today: TODAY });
    assert.deepEqual(codes(none.errors), ['members FORM_REQUIRED']);
    const many = validateAnswers(SURVEY, { ...validAnswers(), members: [1, 2, 3, 4].map((i) => ({ name: `成员${i}`, temperature: 36.5 })) }, { today: TODAY });
    assert.deepEqual(codes(many.errors), ['members FORM_TOO_MANY']);
    assert.deepEqual(many.errors[0]!.params, { max: 3 });
    const odd = validateAnswers(SURVEY, { ...validAnswers(), members: ['张三'] }, { today: TODAY });
    assert.deepEqual(codes(odd.errors), ['members[0] FORM_TYPE']);
    const notList = validateAnswers(SURVEY, { ...validAnswers(), members: { name: '张三' } }, { today: TODAY });
    assert.deepEqual(codes(notList.errors), ['members FORM_TYPE']);
  });

  it('applies minItems to an optional repeat that shows', () => {
    const def: Pick<FormDefinition, 'fields'> = {
      fields: [{ key: 'parties', type: 'repeat', label: t('当事人'), minItems: 2, fields: [{ key: 'name', type: 'text', label: t('姓名') }] }],
    };
    assert.deepEqual(codes(validateAnswers(def, { parties: [{ name: '甲' }] }, { today: TODAY }).errors), ['parties FORM_TOO_FEW']);
    assert.equal(validateAnswers(def, { parties: [{ name: '甲' }, { name: '乙' }] }, { today: TODAY }).ok, true);
  });

  it('refuses answers that are not an object', () => {
    for (const answers of [null, [], '张三', 3]) assert.deepEqual(codes(validateAnswers(SURVEY, answers, { today: TODAY }).errors), [' FORM_TYPE']);
  });
});

describe('validateAnswers: each type', () => {
  it('text: trimmed, one line, length in characters, pattern with its own message', () => {
    const field: FormField = { key: 'code', type: 'text', label: t('编号'), minLength: 2, maxLength: 4, pattern: '^[A-Z]+$', patternMessage: t('大写字母') };
    assert.equal(single(field, ' AB\nC ').errors[0]?.code, 'FORM_PATTERN', 'a line break becomes a space');
    assert.deepEqual(single(field, 'ABCD').value, 'ABCD');
    assert.deepEqual(codes(single(field, 'A').errors), ['code FORM_MIN_LENGTH']);
    assert.deepEqual(codes(single(field, 'ABCDE').errors), ['code FORM_MAX_LENGTH']);
    const bad = single(field, 'ab');
    assert.equal(formErrorMessage(bad.errors[0]!, 'zh-CN'), '大写字母');
    assert.equal(single({ key: 'name', type: 'text', label: t('名'), maxLength: 2 }, '网格').ok, true, 'Chinese characters count one each');
    assert.equal(single({ key: 'long', type: 'text', label: t('长') }, 'x'.repeat(201)).errors[0]?.code, 'FORM_MAX_LENGTH', 'one line holds 200 by default');
    assert.equal(single({ key: 'note', type: 'text', label: t('述'), multiline: true }, 'a\r\nb').value, 'a\nb');
    assert.equal(single(field, 12).errors[0]?.code, 'FORM_TYPE');
  });

  it('number: a finite number, integer when asked, within min and max (with the unit in the message)', () => {
    const temperature: FormField = { key: 'temperature', type: 'number', label: t('体温'), min: 34, max: 43, unit: { zh: '°C', en: '°C' } };
    assert.equal(single(temperature, 37.3).value, 37.3);
    const hot = single(temperature, 44);
    assert.deepEqual(hot.errors[0], { path: 'temperature', code: 'FORM_MAX', params: { max: 43, unit: { zh: '°C', en: '°C' } } });
    assert.equal(formErrorMessage(hot.errors[0]!, 'zh-CN'), '不能大于 43 °C');
    assert.equal(formErrorMessage(hot.errors[0]!, 'en'), 'Must be at most 43 °C');
    assert.equal(single(temperature, '37').errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(temperature, Number.NaN).errors[0]?.code, 'FORM_TYPE');
    assert.equal(single({ key: 'people', type: 'number', label: t('人数'), integer: true }, 2.5).errors[0]?.code, 'FORM_INTEGER');
  });

  it('date: a real calendar day within relative bounds', () => {
    const visited: FormField = { key: 'visited', type: 'date', label: t('日期'), min: 'today-30d', max: 'today' };
    assert.equal(single(visited, '2026-11-01').ok, true);
    const future = single(visited, '2026-11-24');
    assert.deepEqual(future.errors[0], { path: 'visited', code: 'FORM_MAX', params: { max: TODAY } });
    assert.equal(formErrorMessage(future.errors[0]!, 'zh-CN'), `不能晚于 ${TODAY}`);
    assert.equal(single(visited, '2026-10-23').errors[0]?.code, 'FORM_MIN');
    assert.equal(single(visited, '2026-02-30').errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(visited, '2026/11/01').errors[0]?.code, 'FORM_TYPE');
  });

  it('choice and multi_choice: only the options, counted', () => {
    const options = [{ value: 'a', label: t('甲') }, { value: 'b', label: t('乙') }, { value: 'c', label: t('丙') }];
    assert.equal(single({ key: 'k', type: 'choice', label: t('类'), options }, 'd').errors[0]?.code, 'FORM_CHOICE');
    const multi: FormField = { key: 'm', type: 'multi_choice', label: t('多'), options, minSelected: 2, maxSelected: 2 };
    assert.deepEqual(single(multi, ['c', 'a']).value, ['a', 'c']);
    assert.equal(single(multi, ['a']).errors[0]?.code, 'FORM_TOO_FEW');
    assert.equal(single(multi, ['a', 'b', 'c']).errors[0]?.code, 'FORM_TOO_MANY');
    assert.equal(single(multi, ['a', 'x']).errors[0]?.code, 'FORM_CHOICE');
    assert.equal(single(multi, 'a').errors[0]?.code, 'FORM_TYPE');
  });

  it('boolean: true or false; a declaration must be true; required means answered, not yes', () => {
    const asked: FormField = { key: 'b', type: 'boolean', label: t('是否'), required: true };
    assert.equal(single(asked, false).ok, true);
    assert.equal(single(asked, undefined).errors[0]?.code, 'FORM_REQUIRED');
    assert.equal(single(asked, 'yes').errors[0]?.code, 'FORM_TYPE');
    assert.equal(single({ key: 'p', type: 'boolean', label: t('承诺'), mustBeTrue: true }, false).errors[0]?.code, 'FORM_MUST_BE_TRUE');
  });

  it('photo: attachment ids or references, images only, at most maxCount', () => {
    const photos: FormField = { key: 'p', type: 'photo', label: t('照片'), maxCount: 1 };
    assert.deepEqual(single(photos, [PHOTO_ID.toUpperCase()]).value, [{ id: PHOTO_ID }]);
    assert.equal(single(photos, [PHOTO_ID, SIGNATURE_ID]).errors[0]?.code, 'FORM_TOO_MANY');
    assert.equal(single(photos, [PHOTO_ID, PHOTO_ID]).ok, true, 'the same photo twice counts once');
    assert.equal(single(photos, ['not-an-id']).errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(photos, [{ id: PHOTO_ID, contentType: 'application/pdf' }]).errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(photos, [{ id: PHOTO_ID, path: '/etc/passwd' }]).errors[0]?.code, 'FORM_TYPE');
  });

  it('signature: one PNG attachment', () => {
    const signature: FormField = { key: 's', type: 'signature', label: t('签名') };
    assert.deepEqual(single(signature, SIGNATURE_ID).value, { id: SIGNATURE_ID });
    const jpeg = single(signature, { id: SIGNATURE_ID, contentType: 'image/jpeg' });
    assert.deepEqual(jpeg.errors[0]?.params, { expected: 'image/png' });
    assert.equal(single(signature, [SIGNATURE_ID]).errors[0]?.code, 'FORM_TYPE');
  });

  it('location: a point in range, with an optional address', () => {
    const place: FormField = { key: 'l', type: 'location', label: t('位置') };
    assert.deepEqual(single(place, { lon: 111.7, lat: 29 }).value, { lon: 111.7, lat: 29 });
    assert.equal(single(place, { lon: 181, lat: 29 }).errors[0]?.code, 'FORM_LOCATION');
    assert.equal(single(place, { lon: '111', lat: 29 }).errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(place, { lon: 111, lat: 29, height: 3 }).errors[0]?.code, 'FORM_TYPE');
    assert.equal(single(place, { lon: 111, lat: 29, address: '路'.repeat(201) }).errors[0]?.code, 'FORM_MAX_LENGTH');
  });

  it('id_number: checked like the registers, with the reason in the message', () => {
    const id: FormField = { key: 'id', type: 'id_number', label: t('身份证') };
    assert.equal(single(id, ID_2).value, ID_2);
    const wrong = single(id, `${ID_2.slice(0, 17)}5`);
    assert.deepEqual(wrong.errors[0], { path: 'id', code: 'FORM_ID_NUMBER', params: { reason: 'check_digit' } });
    assert.match(formErrorMessage(wrong.errors[0]!, 'zh-CN'), /校验位/);
    assert.equal(single(id, '1234').errors[0]?.params?.reason, 'format');
    assert.equal(JSON.stringify(wrong.errors).includes(ID_2.slice(0, 17)), false, 'the number itself is not echoed');
  });

  it('phone: a mobile or a landline with area code; mobile only when asked', () => {
    assert.equal(single({ key: 'p', type: 'phone', label: t('电话') }, '0736-7251234').value, '0736-7251234');
    assert.equal(single({ key: 'p', type: 'phone', label: t('电话'), mobileOnly: true }, '0736-7251234').errors[0]?.code, 'FORM_PHONE');
    assert.equal(single({ key: 'p', type: 'phone', label: t('电话') }, '12345').errors[0]?.code, 'FORM_PHONE');
  });
});

describe('answers helpers', () => {
  it('initialAnswers: defaults with relative dates resolved, and the items a required repeat needs', () => {
    const def: Pick<FormDefinition, 'fields'> = {
      fields: [
        { key: 'day', type: 'date', label: t('日'), default: 'today' },
        { key: 'n', type: 'number', label: t('数'), default: 1 },
        { key: 'people', type: 'repeat', label: t('人'), minItems: 2, fields: [{ key: 'ok', type: 'boolean', label: t('好'), default: true }] },
      ],
    };
    assert.deepEqual(initialAnswers(def, { today: TODAY }), { day: TODAY, n: 1, people: [{ ok: true }, { ok: true }] });
  });

  it('answerAttachmentIds lists the photos and signatures a record must claim', () => {
    const { value } = validateAnswers(SURVEY, validAnswers(), { today: TODAY });
    assert.deepEqual(answerAttachmentIds(SURVEY, value), [PHOTO_ID, SIGNATURE_ID]);
    assert.deepEqual(answerAttachmentIds(SURVEY, {}), []);
  });

  it('maskAnswers masks ID numbers and phones, in items too', () => {
    const { value } = validateAnswers(SURVEY, validAnswers(), { today: TODAY });
    const masked = maskAnswers(SURVEY, value) as { members: { id_number: string; phone: string }[] };
    assert.equal(masked.members[0]!.id_number, '11**************2X');
    assert.equal(masked.members[0]!.phone, '138****1234');
  });

  it('every code has a message in both languages, with its parameters filled in', () => {
    for (const code of FORM_ERROR_CODES) {
      const zh = formErrorMessage({ code, params: { min: 2, max: 9 } }, 'zh-CN');
      const en = formErrorMessage({ code, params: { min: 2, max: 9 } }, 'en');
      assert.ok(zh && en && zh !== en, code);
      assert.doesNotMatch(`${zh}${en}`, /[{}]/, code);
    }
    assert.equal(formErrorMessage({ code: 'FORM_TOO_FEW', params: { min: 2 } }, 'zh-CN'), '至少需要 2 项');
    assert.equal(formErrorMessage({ code: 'FORM_REQUIRED' }, 'en'), 'This is required');
  });
});
