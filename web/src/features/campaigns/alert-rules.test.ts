import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertRule, FormDefinition } from '@gridgov/contracts';
import { translator } from '../../i18n/translate';
import { draftsRepeat, opsFor, ruleCondition, ruleDrafts, ruleFields, ruleKey, ruleText } from './alert-rules';

const zh = translator('zh-CN');
const en = translator('en');

const form: Pick<FormDefinition, 'fields'> = {
  fields: [
    { key: 'intro', type: 'note', label: { zh: '须知', en: 'Notes' } },
    { key: 'visit_result', type: 'choice', label: { zh: '走访情况', en: 'Outcome' }, options: [{ value: 'met', label: { zh: '见到住户', en: 'Met' } }, { value: 'refused', label: { zh: '拒绝配合', en: 'Refused' } }] },
    { key: 'photos', type: 'photo', label: { zh: '照片', en: 'Photos' } },
    {
      key: 'members',
      type: 'repeat',
      label: { zh: '家庭成员', en: 'Members' },
      fields: [
        { key: 'temperature', type: 'number', label: { zh: '体温', en: 'Temperature' }, unit: { zh: '℃', en: '°C' } },
        { key: 'from_risk_area', type: 'boolean', label: { zh: '来自风险地区', en: 'From a risk area' } },
        { key: 'arrived_on', type: 'date', label: { zh: '返回日期', en: 'Arrived on' } },
      ],
    },
  ],
};

describe('campaign alert rules in words', () => {
  it('offers the answered fields, a member\'s field tried on each member, with the operators of its type', () => {
    const fields = ruleFields(form);
    assert.deepEqual(fields.map((f) => [f.id, f.forEach ?? null]), [['visit_result', null], ['members.temperature', 'members'], ['members.from_risk_area', 'members'], ['members.arrived_on', 'members']]);
    assert.deepEqual(opsFor(fields[1]!.field), ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'], 'no list of free values');
    assert.ok(opsFor(fields[0]!.field).includes('in'));
  });

  it('says a rule with the form\'s labels, option labels, units and relative days', () => {
    const fever: AlertRule = { key: 'fever', forEach: 'members', level: 'warning', action: 'follow_up', when: { field: 'temperature', op: 'gte', value: 37.3 }, message: { zh: '发热', en: 'Fever' } };
    assert.equal(ruleText(fever, form, zh, 'zh-CN'), '家庭成员中任一人：体温 大于等于 37.3℃');
    assert.equal(ruleText(fever, form, en, 'en'), 'any of Members: Temperature ≥ 37.3°C');
    const risk: AlertRule = {
      key: 'risk', forEach: 'members', level: 'warning', message: { zh: '风险', en: 'Risk' },
      when: { all: [{ field: 'from_risk_area', op: 'eq', value: true }, { field: 'arrived_on', op: 'gte', value: 'today-14d' }] },
    };
    assert.equal(ruleText(risk, form, zh, 'zh-CN'), '家庭成员中任一人：来自风险地区 等于 是，且返回日期 大于等于 14天前');
    const refused: AlertRule = { key: 'refused', level: 'info', when: { field: 'visit_result', op: 'in', value: ['refused', 'met'] }, message: { zh: '拒绝', en: 'Refused' } };
    assert.equal(ruleText(refused, form, zh, 'zh-CN'), '走访情况 为以下之一 拒绝配合、见到住户');
    // Without the form (still loading): the rule's message.
    assert.equal(ruleText(refused, undefined, zh, 'zh-CN'), '拒绝');
  });

  it('keys a new rule after its field, unused', () => {
    assert.equal(ruleKey('temperature', []), 'temperature');
    assert.equal(ruleKey('temperature', ['temperature', 'temperature_2']), 'temperature_3');
  });

  it('turns several condition lines into one rule (all or any), a member\'s line making it tried on each member', () => {
    const fields = ruleFields(form);
    const fever = { fieldId: 'members.temperature', op: 'gte' as const, value: 37.3 };
    const risk = { fieldId: 'members.from_risk_area', op: 'eq' as const, value: true };
    const met = { fieldId: 'visit_result', op: 'eq' as const, value: 'met' };
    assert.deepEqual(ruleCondition([fever], 'all', fields), { when: { field: 'temperature', op: 'gte', value: 37.3 }, forEach: 'members' }, 'one line: a plain condition');
    assert.deepEqual(ruleCondition([fever, risk], 'any', fields), {
      when: { any: [{ field: 'temperature', op: 'gte', value: 37.3 }, { field: 'from_risk_area', op: 'eq', value: true }] },
      forEach: 'members',
    });
    assert.deepEqual(ruleCondition([met, fever], 'all', fields), { when: { all: [{ field: 'visit_result', op: 'eq', value: 'met' }, { field: 'temperature', op: 'gte', value: 37.3 }] }, forEach: 'members' });
    assert.deepEqual(ruleCondition([met, { fieldId: 'visit_result', op: 'empty' }], 'any', fields), { when: { any: [{ field: 'visit_result', op: 'eq', value: 'met' }, { field: 'visit_result', op: 'empty' }] } }, 'no list: no forEach');
    assert.equal(draftsRepeat([met, risk], fields), 'members');
    // Incomplete lines, a wrong date, an operator of another type: not yet a rule.
    assert.equal(ruleCondition([met, { fieldId: 'members.temperature', op: 'gte' }], 'all', fields), null);
    assert.equal(ruleCondition([{ fieldId: 'members.arrived_on', op: 'gte', value: 'last week' }], 'all', fields), null);
    assert.equal(ruleCondition([{ fieldId: 'members.temperature', op: 'in', value: [1] }], 'all', fields), null);
    assert.equal(ruleCondition([], 'all', fields), null);
  });

  it('reads a stored rule back as lines, and leaves alone what lines cannot say', () => {
    const fields = ruleFields(form);
    const risk: AlertRule = {
      key: 'risk', forEach: 'members', level: 'warning', message: { zh: '风险', en: 'Risk' },
      when: { all: [{ field: 'from_risk_area', op: 'eq', value: true }, { field: 'visit_result', op: 'eq', value: 'met' }] },
    };
    const read = ruleDrafts(risk, fields);
    assert.deepEqual(read, {
      combine: 'all',
      conditions: [{ fieldId: 'members.from_risk_area', op: 'eq', value: true }, { fieldId: 'visit_result', op: 'eq', value: 'met' }],
    }, 'a member\'s field first, then the root\'s');
    assert.deepEqual(ruleCondition(read!.conditions, read!.combine, fields), { when: risk.when, forEach: 'members' }, 'and back to the same rule');
    assert.deepEqual(ruleDrafts({ when: { field: 'visit_result', op: 'in', value: ['refused'] } }, fields), { combine: 'all', conditions: [{ fieldId: 'visit_result', op: 'in', value: ['refused'] }] });
    assert.deepEqual(ruleDrafts({ when: { any: [{ field: 'visit_result', op: 'empty' }] } }, fields)?.combine, 'any');
    assert.equal(ruleDrafts({ when: { not: { field: 'visit_result', op: 'empty' } } }, fields), null);
    assert.equal(ruleDrafts({ when: { all: [{ any: [{ field: 'visit_result', op: 'empty' }] }] } }, fields), null);
    assert.equal(ruleDrafts({ when: { field: 'temperature', op: 'gte', value: 37 } }, fields), null, 'a member\'s field without forEach');
  });
});
