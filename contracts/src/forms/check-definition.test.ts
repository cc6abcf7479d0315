import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormCondition, FormDefinition, FormField } from './definition.js';
import { checkDefinition, parseDefinition, type DefinitionProblem } from './check-definition.js';
import { definitionProblemMessage } from './messages.js';
import { SURVEY } from './survey.fixture.js';

const t = (zh: string) => ({ zh, en: zh });
const options = [{ value: 'a', label: t('甲') }, { value: 'b', label: t('乙') }];

function form(fields: FormField[], alerts: FormDefinition['alerts'] = []): FormDefinition {
  return { key: 'test.form', version: 1, title: t('表'), fields, alerts };
}

function problems(def: unknown): string[] {
  return checkDefinition(def).map((p) => `${p.path} ${p.code}`);
}

/** A form whose field `x` shows under the condition, beside a field of each type. */
function withCondition(showIf: FormCondition): FormDefinition {
  return form([
    { key: 'name', type: 'text', label: t('名') },
    { key: 'age', type: 'number', label: t('龄') },
    { key: 'day', type: 'date', label: t('日') },
    { key: 'kind', type: 'choice', label: t('类'), options },
    { key: 'tags', type: 'multi_choice', label: t('标'), options },
    { key: 'yes', type: 'boolean', label: t('是') },
    { key: 'intro', type: 'note', label: t('说明') },
    { key: 'people', type: 'repeat', label: t('人'), fields: [{ key: 'temp', type: 'number', label: t('温') }] },
    { key: 'x', type: 'text', label: t('x'), showIf },
  ]);
}

describe('checkDefinition', () => {
  it('finds nothing wrong with a sound definition', () => {
    assert.deepEqual(checkDefinition(SURVEY), []);
    const parsed = parseDefinition(JSON.parse(JSON.stringify(SURVEY)));
    assert.equal(parsed.ok, true);
  });

  it('reports shape problems from the schema with their paths', () => {
    const broken = { ...SURVEY, version: 0, fields: [{ key: 'Bad Key', type: 'text', label: { zh: '名' } }, { key: 'x', type: 'slider', label: t('x') }] };
    const found = problems(broken);
    assert.ok(found.includes('version DEF_SCHEMA'), found.join('; '));
    assert.ok(found.includes('fields[0].key DEF_SCHEMA'), found.join('; '));
    assert.ok(found.includes('fields[0].label.en DEF_SCHEMA'), found.join('; '));
    assert.ok(found.some((p) => p.startsWith('fields[1]')), found.join('; '));
    assert.deepEqual(problems('not a form'), [' DEF_SCHEMA']);
    assert.ok(problems({ ...SURVEY, colour: 'red' }).includes(' DEF_SCHEMA'), 'unknown properties are refused');
  });

  it('wants unique keys among siblings, but an item may reuse a key of the root', () => {
    assert.deepEqual(problems(form([{ key: 'a', type: 'text', label: t('a') }, { key: 'a', type: 'number', label: t('a') }])), ['fields[1].key DEF_DUPLICATE_KEY']);
    const shadow = form([
      { key: 'name', type: 'text', label: t('户主') },
      { key: 'people', type: 'repeat', label: t('人'), fields: [{ key: 'name', type: 'text', label: t('名') }, { key: 'name', type: 'text', label: t('名') }] },
    ]);
    assert.deepEqual(problems(shadow), ['fields[1].fields[1].key DEF_DUPLICATE_KEY']);
  });

  it('wants unique option values and alert keys', () => {
    const def = form(
      [{ key: 'k', type: 'choice', label: t('k'), options: [...options, { value: 'a', label: t('又甲') }] }],
      [
        { key: 'al', when: { field: 'k', op: 'eq', value: 'a' }, level: 'info', message: t('m') },
        { key: 'al', when: { field: 'k', op: 'eq', value: 'b' }, level: 'info', message: t('m') },
      ],
    );
    assert.deepEqual(problems(def), ['fields[0].options[2].value DEF_DUPLICATE_OPTION', 'alerts[1].key DEF_DUPLICATE_ALERT']);
  });

  it('conditions must name a field with an answer that the field can see', () => {
    assert.deepEqual(problems(withCondition({ field: 'nobody', op: 'empty' })), ['fields[8].showIf.field DEF_UNKNOWN_REF']);
    assert.deepEqual(problems(withCondition({ field: 'intro', op: 'empty' })), ['fields[8].showIf.field DEF_UNKNOWN_REF'], 'a note has no answer');
    assert.deepEqual(problems(withCondition({ field: 'temp', op: 'gt', value: 37 })), ['fields[8].showIf.field DEF_UNKNOWN_REF'], 'the root cannot see into items');
    assert.deepEqual(problems(withCondition({ any: [{ field: 'age', op: 'gt', value: 1 }, { not: { field: 'zzz', op: 'empty' } }] })), ['fields[8].showIf.any[1].not.field DEF_UNKNOWN_REF']);
    assert.deepEqual(problems(withCondition({ some: 'people', where: { field: 'temp', op: 'gte', value: 37.3 } })), [], 'some looks into the items');
    assert.deepEqual(problems(withCondition({ some: 'people', where: { field: 'age', op: 'gte', value: 60 } })), [], 'and out to the root');
    assert.deepEqual(problems(withCondition({ some: 'name', where: { field: 'age', op: 'empty' } })), ['fields[8].showIf.some DEF_NOT_REPEAT']);
  });

  it('comparisons must fit the type of the field, with values of that type', () => {
    assert.deepEqual(problems(withCondition({ field: 'yes', op: 'gt', value: true })), ['fields[8].showIf.op DEF_OP']);
    assert.deepEqual(problems(withCondition({ field: 'tags', op: 'eq', value: 'a' })), ['fields[8].showIf.op DEF_OP']);
    assert.deepEqual(problems(withCondition({ field: 'age', op: 'gt', value: '3' })), ['fields[8].showIf.value DEF_VALUE']);
    assert.deepEqual(problems(withCondition({ field: 'kind', op: 'eq', value: 'z' })), ['fields[8].showIf.value DEF_VALUE'], 'not an option');
    assert.deepEqual(problems(withCondition({ field: 'kind', op: 'in', value: 'a' })), ['fields[8].showIf.value DEF_VALUE'], 'in takes a list');
    assert.deepEqual(problems(withCondition({ field: 'kind', op: 'in', value: ['a', 'q'] })), ['fields[8].showIf.value[1] DEF_VALUE']);
    assert.deepEqual(problems(withCondition({ field: 'name', op: 'empty', value: '' })), ['fields[8].showIf.value DEF_VALUE'], 'empty takes no value');
    assert.deepEqual(problems(withCondition({ field: 'name', op: 'eq' })), ['fields[8].showIf.value DEF_VALUE']);
    assert.deepEqual(problems(withCondition({ field: 'day', op: 'gte', value: 'yesterday' })), ['fields[8].showIf.value DEF_VALUE']);
    assert.deepEqual(problems(withCondition({ field: 'day', op: 'gte', value: 'today-14d' })), []);
    assert.deepEqual(problems(withCondition({ field: 'people', op: 'gte', value: 3 })), [], 'a repeat compares its count');
  });

  it('wants sane ranges, compiling patterns and defaults that pass the field\'s own checks', () => {
    const def = form([
      { key: 'n', type: 'number', label: t('n'), min: 10, max: 1 },
      { key: 'i', type: 'number', label: t('i'), integer: true, min: 1.2, max: 1.8 },
      { key: 's', type: 'text', label: t('s'), minLength: 5, maxLength: 2, pattern: '([a-z' },
      { key: 'd', type: 'date', label: t('d'), min: 'today', max: 'today-1d' },
      { key: 'e', type: 'date', label: t('e'), min: '2026-02-30' },
      { key: 'm', type: 'multi_choice', label: t('m'), options, minSelected: 3 },
      { key: 'r', type: 'repeat', label: t('r'), minItems: 5, maxItems: 2, fields: [{ key: 'x', type: 'text', label: t('x') }] },
      { key: 'p', type: 'phone', label: t('p'), default: '12345' },
      { key: 'c', type: 'choice', label: t('c'), options, default: 'z' },
    ]);
    assert.deepEqual(problems(def), [
      'fields[0].min DEF_RANGE',
      'fields[1].min DEF_RANGE',
      'fields[2].minLength DEF_RANGE',
      'fields[2].pattern DEF_PATTERN',
      'fields[3].min DEF_RANGE',
      'fields[4].min DEF_VALUE',
      'fields[5].minSelected DEF_RANGE',
      'fields[6].minItems DEF_RANGE',
      'fields[7].default DEF_DEFAULT',
      'fields[8].default DEF_DEFAULT',
    ]);
  });

  it('refuses show/hide cycles, a field that depends on itself, and a repeat shown by its own items', () => {
    const cycle = form([
      { key: 'a', type: 'text', label: t('a'), showIf: { field: 'b', op: 'empty' } },
      { key: 'b', type: 'text', label: t('b'), showIf: { field: 'c', op: 'empty' } },
      { key: 'c', type: 'text', label: t('c'), showIf: { field: 'a', op: 'empty' } },
    ]);
    const found = checkDefinition(cycle);
    assert.deepEqual(found.map((p) => `${p.path} ${p.code}`), ['fields[0].showIf DEF_CYCLE']);
    assert.equal(found[0]!.params?.key, 'a -> b -> c');
    assert.deepEqual(problems(form([{ key: 'a', type: 'text', label: t('a'), showIf: { field: 'a', op: 'empty' } }])), ['fields[0].showIf DEF_CYCLE']);
    const selfShown = form([
      {
        key: 'people',
        type: 'repeat',
        label: t('人'),
        showIf: { some: 'people', where: { field: 'n', op: 'empty' } },
        fields: [{ key: 'n', type: 'text', label: t('n') }],
      },
    ]);
    assert.deepEqual(problems(selfShown), ['fields[0].showIf DEF_CYCLE']);
  });

  it('checks alert rules: conditions at the root, or on each item of a root repeat', () => {
    const def = withCondition({ field: 'age', op: 'gt', value: 1 });
    def.alerts = [
      { key: 'fever', forEach: 'people', when: { field: 'temp', op: 'gte', value: 37.3 }, level: 'warning', message: t('m') },
      { key: 'wrong', forEach: 'name', when: { field: 'temp', op: 'gte', value: 37.3 }, level: 'warning', message: t('m') },
      { key: 'root', when: { field: 'temp', op: 'gte', value: 37.3 }, level: 'warning', message: t('m') },
    ];
    assert.deepEqual(problems(def), ['alerts[1].forEach DEF_NOT_REPEAT', 'alerts[2].when.field DEF_UNKNOWN_REF']);
  });

  it('lets repeats nest two deep, not three', () => {
    const leaf: FormField = { key: 'x', type: 'text', label: t('x') };
    const two: FormField = { key: 'outer', type: 'repeat', label: t('外'), fields: [{ key: 'inner', type: 'repeat', label: t('内'), fields: [leaf] }] };
    assert.deepEqual(problems(form([two])), []);
    const three: FormField = { key: 'outer', type: 'repeat', label: t('外'), fields: [{ key: 'inner', type: 'repeat', label: t('内'), fields: [{ key: 'deep', type: 'repeat', label: t('深'), fields: [leaf] }] }] };
    assert.deepEqual(problems(form([three])), ['fields[0].fields[0].fields[0] DEF_DEPTH']);
  });

  it('words every problem in both languages', () => {
    const problem: DefinitionProblem = { path: 'fields[0].showIf.op', code: 'DEF_OP', params: { op: 'gt', type: 'boolean' } };
    assert.equal(definitionProblemMessage(problem, 'zh-CN'), '比较方式 gt 不适用于 boolean 类型的字段');
    assert.equal(definitionProblemMessage(problem, 'en'), 'The comparison gt does not fit a boolean field');
  });
});
