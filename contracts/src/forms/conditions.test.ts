import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormCondition, FormDefinition } from './definition.js';
import { conditionHolds, visibleFields } from './conditions.js';
import { SURVEY, TODAY } from './survey.fixture.js';

const t = (zh: string) => ({ zh, en: zh });
const options = [
  { value: 'a', label: t('甲') },
  { value: 'b', label: t('乙') },
  { value: 'c', label: t('丙') },
];

const ALL_TYPES: Pick<FormDefinition, 'fields'> = {
  fields: [
    { key: 'name', type: 'text', label: t('名') },
    { key: 'age', type: 'number', label: t('龄') },
    { key: 'day', type: 'date', label: t('日') },
    { key: 'kind', type: 'choice', label: t('类'), options },
    { key: 'tags', type: 'multi_choice', label: t('标'), options },
    { key: 'yes', type: 'boolean', label: t('是') },
    { key: 'pics', type: 'photo', label: t('图') },
    { key: 'items', type: 'repeat', label: t('项'), fields: [{ key: 'n', type: 'number', label: t('数') }] },
  ],
};

function holds(condition: FormCondition, answers: Record<string, unknown>): boolean {
  return conditionHolds(ALL_TYPES, condition, answers, { today: TODAY });
}

describe('conditions: comparisons', () => {
  it('eq and ne compare the normalised answer; ne holds when unanswered', () => {
    assert.equal(holds({ field: 'name', op: 'eq', value: '张三' }, { name: '  张三 ' }), true);
    assert.equal(holds({ field: 'kind', op: 'ne', value: 'a' }, { kind: 'b' }), true);
    assert.equal(holds({ field: 'kind', op: 'ne', value: 'a' }, {}), true);
    assert.equal(holds({ field: 'yes', op: 'eq', value: false }, { yes: false }), true);
    assert.equal(holds({ field: 'yes', op: 'eq', value: false }, {}), false, 'unanswered is not false');
  });

  it('gt, gte, lt and lte order numbers and dates, never across types', () => {
    assert.equal(holds({ field: 'age', op: 'gte', value: 60 }, { age: 60 }), true);
    assert.equal(holds({ field: 'age', op: 'gt', value: 60 }, { age: 60 }), false);
    assert.equal(holds({ field: 'age', op: 'lt', value: 18 }, { age: 17.5 }), true);
    assert.equal(holds({ field: 'age', op: 'lte', value: 18 }, { age: '17' }), false, 'a text is not a number');
    assert.equal(holds({ field: 'day', op: 'lt', value: '2026-01-01' }, { day: '2025-12-31' }), true);
  });

  it('resolves relative dates against the day of answering', () => {
    assert.equal(holds({ field: 'day', op: 'gte', value: 'today-14d' }, { day: '2026-11-09' }), true);
    assert.equal(holds({ field: 'day', op: 'gte', value: 'today-14d' }, { day: '2026-11-08' }), false);
    assert.equal(holds({ field: 'day', op: 'eq', value: 'today' }, { day: TODAY }), true);
    assert.equal(holds({ field: 'day', op: 'lte', value: 'today+7d' }, { day: '2026-11-30' }), true);
  });

  it('in matches one of a list; on a multiple choice, any chosen option', () => {
    assert.equal(holds({ field: 'kind', op: 'in', value: ['a', 'c'] }, { kind: 'c' }), true);
    assert.equal(holds({ field: 'kind', op: 'in', value: ['a', 'c'] }, { kind: 'b' }), false);
    assert.equal(holds({ field: 'tags', op: 'in', value: ['c'] }, { tags: ['a', 'c'] }), true);
    assert.equal(holds({ field: 'tags', op: 'in', value: ['b'] }, { tags: ['a', 'c'] }), false);
  });

  it('contains finds an option in a multiple choice, or words in a text', () => {
    assert.equal(holds({ field: 'tags', op: 'contains', value: 'b' }, { tags: ['b'] }), true);
    assert.equal(holds({ field: 'tags', op: 'contains', value: 'b' }, { tags: ['a'] }), false);
    assert.equal(holds({ field: 'name', op: 'contains', value: '武汉' }, { name: '从武汉返回' }), true);
  });

  it('empty and not_empty: blank text, an empty list and no items are empty; false and 0 are answers', () => {
    assert.equal(holds({ field: 'name', op: 'empty' }, { name: '   ' }), true);
    assert.equal(holds({ field: 'tags', op: 'empty' }, { tags: [] }), true);
    assert.equal(holds({ field: 'pics', op: 'not_empty' }, { pics: [] }), false);
    assert.equal(holds({ field: 'yes', op: 'not_empty' }, { yes: false }), true);
    assert.equal(holds({ field: 'age', op: 'not_empty' }, { age: 0 }), true);
    assert.equal(holds({ field: 'items', op: 'empty' }, { items: [] }), true);
  });

  it('a repeat compares its number of items', () => {
    assert.equal(holds({ field: 'items', op: 'gte', value: 2 }, { items: [{}, {}] }), true);
    assert.equal(holds({ field: 'items', op: 'gt', value: 2 }, { items: [{}, {}] }), false);
  });

  it('all, any and not combine', () => {
    const adultA: FormCondition = { all: [{ field: 'age', op: 'gte', value: 18 }, { field: 'kind', op: 'eq', value: 'a' }] };
    assert.equal(holds(adultA, { age: 30, kind: 'a' }), true);
    assert.equal(holds(adultA, { age: 30, kind: 'b' }), false);
    assert.equal(holds({ any: [{ field: 'age', op: 'lt', value: 6 }, { field: 'age', op: 'gte', value: 60 }] }, { age: 70 }), true);
    assert.equal(holds({ not: adultA }, { age: 3, kind: 'a' }), true);
  });

  it('a name that matches no field never holds', () => {
    assert.equal(holds({ field: 'nothing', op: 'empty' }, {}), false);
  });
});

describe('conditions: repeats', () => {
  const household = (members: Record<string, unknown>[], more: Record<string, unknown> = {}) => ({ nobody_home: false, contact: 'none', members, ...more });

  it('some holds when any item matches, every when all do (and for no items)', () => {
    const fever: FormCondition = { some: 'members', where: { field: 'temperature', op: 'gte', value: 37.3 } };
    const allWell: FormCondition = { every: 'members', where: { field: 'temperature', op: 'lt', value: 37.3 } };
    const answers = household([{ temperature: 36.5 }, { temperature: 38.2 }]);
    assert.equal(conditionHolds(SURVEY, fever, answers, { today: TODAY }), true);
    assert.equal(conditionHolds(SURVEY, allWell, answers, { today: TODAY }), false);
    assert.equal(conditionHolds(SURVEY, allWell, household([]), { today: TODAY }), true);
    assert.equal(conditionHolds(SURVEY, fever, household([]), { today: TODAY }), false);
  });

  it('a hidden repeat has no items: some fails, every holds', () => {
    const answers = { nobody_home: true, members: [{ temperature: 39 }] };
    assert.equal(conditionHolds(SURVEY, { some: 'members', where: { field: 'temperature', op: 'gte', value: 37.3 } }, answers, { today: TODAY }), false);
    assert.equal(conditionHolds(SURVEY, { every: 'members', where: { field: 'temperature', op: 'gte', value: 37.3 } }, answers, { today: TODAY }), true);
  });

  it('inside an item a name resolves to the sibling first, then the root', () => {
    const answers = household([{ relation: 'other', address: '另一处' }, { relation: 'self' }], { address: '本户地址', contact: 'close' });
    const shown = new Set(visibleFields(SURVEY, answers, { today: TODAY }));
    // `elsewhere_since` shows when `address` is answered: the member's own address, not the household's.
    assert.ok(shown.has('members[0].elsewhere_since'));
    assert.ok(!shown.has('members[1].elsewhere_since'), 'the root address does not count for the second member');
    // `isolated` names `contact`, which only the root has.
    assert.ok(shown.has('members[0].isolated') && shown.has('members[1].isolated'));
  });

  it('visibleFields lists paths in form order, items with their index, and follows hidden fields down the chain', () => {
    const answers = household([{ temperature: 38, relation: 'self' }, { temperature: 36.6, travelled: true }]);
    const shown = visibleFields(SURVEY, answers, { today: TODAY });
    assert.deepEqual(shown.slice(0, 6), ['intro', 'address', 'visited_on', 'nobody_home', 'members', 'members[0].name']);
    assert.ok(shown.includes('members[0].symptoms'));
    assert.ok(!shown.includes('members[1].symptoms'));
    assert.ok(shown.includes('members[1].arrived_on'));
    assert.ok(shown.includes('fever_note'), 'a member with fever shows the fever note');
    // Nobody home: the members go, and with them what depended on them.
    const empty = visibleFields(SURVEY, { ...answers, nobody_home: true }, { today: TODAY });
    assert.ok(!empty.includes('members') && !empty.some((p) => p.startsWith('members[')));
    assert.ok(!empty.includes('fever_note'));
  });

  it('a show/hide cycle (refused by checkDefinition) still ends: the field met inside its own condition reads as hidden', () => {
    const def: Pick<FormDefinition, 'fields'> = {
      fields: [
        { key: 'a', type: 'text', label: t('a'), showIf: { field: 'b', op: 'empty' } },
        { key: 'b', type: 'text', label: t('b'), showIf: { field: 'a', op: 'empty' } },
      ],
    };
    // a asks about b, b asks about a: inside that, a reads as hidden (unanswered), so b shows, so a shows.
    assert.deepEqual(visibleFields(def, {}, { today: TODAY }), ['a', 'b']);
  });
});
