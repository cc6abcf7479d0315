import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDefinition, evaluateAlerts, idCheckChar, validateAnswers, visibleFields, type FormDefinition } from '@gridgov/contracts';
import { exampleForms } from './examples.js';

const TODAY = '2026-11-23';
const ID = `43070219800101001${idCheckChar('43070219800101001')}`;

function example(key: string): FormDefinition {
  const def = exampleForms().find((d) => d.key === key);
  if (!def) throw new Error(`no example ${key}`);
  return def;
}

describe('example forms', () => {
  it('are sound definitions', () => {
    for (const def of exampleForms()) assert.deepEqual(checkDefinition(def), [], def.key);
  });

  describe('epidemic.household_survey (入户走访摸排)', () => {
    const survey = example('epidemic.household_survey');
    const member = (more: Record<string, unknown>) => ({ name: '张三', relation: 'head', temperature: 36.5, travelled: false, contact: 'none', ...more });
    const household = (members: Record<string, unknown>[], more: Record<string, unknown> = {}) => ({
      address: '3栋2单元501', visited_on: TODAY, visit_result: 'met', members, worker_confirm: true, ...more,
    });

    it('takes a well household, and asks nothing more of it', () => {
      const result = validateAnswers(survey, household([member({ id_number: ID, phone: '13812341234' })]), { today: TODAY });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(evaluateAlerts(survey, result.value, { today: TODAY }), []);
    });

    it('shows the travel questions after "left the city", and the fever handling after a fever', () => {
      const shown = visibleFields(survey, household([member({ travelled: true }), member({ name: '李四', temperature: 38.2 })]), { today: TODAY });
      assert.ok(shown.includes('members[0].arrived_on') && shown.includes('members[0].from_risk_area'));
      assert.ok(!shown.includes('members[1].arrived_on'));
      assert.ok(shown.includes('fever_referral'));
      const nobody = visibleFields(survey, household([member({})], { visit_result: 'nobody_home' }), { today: TODAY });
      assert.ok(!nobody.includes('members') && nobody.includes('visit_note') && !nobody.includes('resident_signature'));
    });

    it('raises fever, contact and risk-area alerts on the right members, the critical ones first', () => {
      const answers = household(
        [
          member({ temperature: 38.4 }),
          member({ name: '李四', contact: 'close', contact_note: '同事确诊' }),
          member({ name: '王五', travelled: true, travel_from: '湖北省武汉市', arrived_on: '2026-11-15', from_risk_area: true }),
        ],
        { fever_referral: 'clinic' },
      );
      const result = validateAnswers(survey, answers, { today: TODAY });
      assert.deepEqual(result.errors, []);
      const alerts = evaluateAlerts(survey, result.value, { today: TODAY });
      assert.deepEqual(
        alerts.map((a) => [a.key, a.path, a.level, a.action]),
        [
          ['contact', 'members[1]', 'critical', 'ticket'],
          ['fever', 'members[0]', 'warning', 'follow_up'],
          ['risk_area', 'members[2]', 'warning', 'follow_up'],
        ],
      );
    });

    it('needs the fever handling, the worker\'s confirmation and each member\'s temperature', () => {
      const result = validateAnswers(survey, household([member({ temperature: 38 }), { name: '李四' }], { worker_confirm: false }), { today: TODAY });
      assert.deepEqual(
        result.errors.map((e) => `${e.path} ${e.code}`),
        ['members[1].relation FORM_REQUIRED', 'members[1].temperature FORM_REQUIRED', 'members[1].travelled FORM_REQUIRED', 'members[1].contact FORM_REQUIRED', 'fever_referral FORM_REQUIRED', 'worker_confirm FORM_MUST_BE_TRUE'],
      );
    });
  });

  describe('dispute.intake (矛盾纠纷登记)', () => {
    const intake = example('dispute.intake');
    const base = {
      reported_on: TODAY, source: 'patrol', dispute_type: 'neighbour', summary: '楼上漏水导致楼下房屋受损，双方就赔偿发生争执',
      place: { lon: 111.69, lat: 29.03, address: '花源路8号' }, risk_level: 'low', mediation: 'scheduled', mediation_on: '2026-11-25',
      parties: [
        { role: 'applicant', kind: 'person', name: '张三', phone: '13812341234', vulnerable: ['elderly'] },
        { role: 'respondent', kind: 'organisation', name: '某物业公司', phone: '0736-7251234', credit_code: '91430700MA4L0OOOO1' },
      ],
    };

    it('asks a person for an ID number and an organisation for its credit code', () => {
      const shown = visibleFields(intake, base, { today: TODAY });
      assert.ok(shown.includes('parties[0].id_number') && !shown.includes('parties[0].credit_code'));
      assert.ok(shown.includes('parties[1].credit_code') && !shown.includes('parties[1].id_number'));
      const result = validateAnswers(intake, base, { today: TODAY });
      assert.deepEqual(result.errors.map((e) => `${e.path} ${e.code}`), ['parties[1].credit_code FORM_PATTERN']);
    });

    it('needs two parties at least, and raises a crowd alert from ten workers owed wages', () => {
      const one = validateAnswers(intake, { ...base, parties: base.parties.slice(0, 1) }, { today: TODAY });
      assert.deepEqual(one.errors.map((e) => `${e.path} ${e.code}`).filter((p) => p.startsWith('parties ')), ['parties FORM_TOO_FEW']);
      const wages = { ...base, dispute_type: 'labour', workers: 23, amount: 180000, risk_signs: ['petition'] };
      const keys = evaluateAlerts(intake, wages, { today: TODAY }).map((a) => (a.path ? `${a.key}@${a.path}` : a.key));
      assert.deepEqual(keys, ['mass_incident', 'vulnerable_party@parties[0]', 'petitions']);
    });
  });
});
