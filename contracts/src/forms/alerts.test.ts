import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAlerts } from './alerts.js';
import type { AlertRule, FormCondition } from './definition.js';
import { SURVEY, TODAY } from './survey.fixture.js';

function household(members: Record<string, unknown>[], more: Record<string, unknown> = {}) {
  return { address: '花源路8号', visited_on: TODAY, nobody_home: false, contact: 'none', members, ...more };
}

function raised(answers: Record<string, unknown>): string[] {
  return evaluateAlerts(SURVEY, answers, { today: TODAY }).map((a) => (a.path ? `${a.key}@${a.path}` : a.key));
}

describe('alert rules', () => {
  it('raises nothing for a well household', () => {
    assert.deepEqual(raised(household([{ name: '张三', temperature: 36.5 }])), []);
  });

  it('a temperature from 37.3 raises one alert per member with fever, with the member\'s path, and the household alert once', () => {
    const alerts = evaluateAlerts(SURVEY, household([{ temperature: 37.3 }, { temperature: 36.4 }, { temperature: 39 }]), { today: TODAY });
    assert.deepEqual(
      alerts.map((a) => [a.key, a.path, a.level, a.action]),
      [
        ['member_fever', 'members[0]', 'warning', 'follow_up'],
        ['member_fever', 'members[2]', 'warning', 'follow_up'],
        ['household_fever', undefined, 'info', undefined],
      ],
    );
    assert.deepEqual(alerts[0]!.message, { zh: '成员发热', en: 'A member has a fever' });
    assert.deepEqual(raised(household([{ temperature: 37.2 }])), [], '37.2 is not a fever');
  });

  it('contact with a case is critical and comes first, with the ticket action', () => {
    const alerts = evaluateAlerts(SURVEY, household([{ temperature: 38 }], { contact: 'close' }), { today: TODAY });
    assert.equal(alerts[0]!.key, 'contact');
    assert.equal(alerts[0]!.level, 'critical');
    assert.equal(alerts[0]!.action, 'ticket');
    assert.deepEqual(raised(household([], { contact: 'secondary' })), ['contact']);
  });

  it('an arrival within the last 14 days raises, an older one does not (relative to the day of answering)', () => {
    const members = [
      { temperature: 36.5, travelled: true, arrived_on: '2026-11-10' },
      { temperature: 36.5, travelled: true, arrived_on: '2026-11-08' },
    ];
    assert.deepEqual(raised(household(members)), ['recent_arrival@members[0]']);
    // A week later the first arrival is old news too.
    assert.deepEqual(evaluateAlerts(SURVEY, household(members), { today: '2026-11-30' }), []);
  });

  it('hidden answers raise nothing: no members when nobody is home, no arrival date without travel', () => {
    assert.deepEqual(raised(household([{ temperature: 39 }], { nobody_home: true })), []);
    assert.deepEqual(raised(household([{ temperature: 36.5, travelled: false, arrived_on: TODAY }])), []);
  });

  it('a rule of several conditions (as the campaign editor writes them): all or any, a member\'s field beside the household\'s', () => {
    const rule = (combine: 'all' | 'any'): AlertRule => {
      const conditions: FormCondition[] = [{ field: 'temperature', op: 'gte', value: 37.3 }, { field: 'contact', op: 'in', value: ['close', 'secondary'] }];
      const when: FormCondition = combine === 'all' ? { all: conditions } : { any: conditions };
      return { key: 'fever_contact', forEach: 'members', level: 'critical', message: { zh: '发热且有接触', en: 'Fever and contact' }, when };
    };
    const keys = (combine: 'all' | 'any', answers: Record<string, unknown>) =>
      evaluateAlerts({ fields: SURVEY.fields, alerts: [rule(combine)] }, answers, { today: TODAY }).map((a) => a.path);
    const members = [{ temperature: 38 }, { temperature: 36.5 }];
    // all: the member's fever and the household's contact.
    assert.deepEqual(keys('all', household(members, { contact: 'close', contact_note: '同事确诊' })), ['members[0]']);
    assert.deepEqual(keys('all', household(members)), [], 'a fever without contact');
    // any: either one, tried on each member.
    assert.deepEqual(keys('any', household(members)), ['members[0]']);
    assert.deepEqual(keys('any', household(members, { contact: 'secondary', contact_note: '次密接' })), ['members[0]', 'members[1]']);
    assert.deepEqual(keys('any', household([{ temperature: 36.5 }])), []);
  });
});
