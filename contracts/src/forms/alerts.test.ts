import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAlerts } from './alerts.js';
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
});
