/** The scope matrix's survey campaigns and tasks: a household at the place, a campaign of the place's community listing it, opened and generated. */
import assert from 'node:assert/strict';
import type { Client, TestEnv } from '../../../test/harness.js';
import type { Place, ScopeKit } from '../../../test/scope-kit.js';

export function campaignBody(regionCode: string, at: Date, householdNumbers: string[], name = '入户走访摸排') {
  const hours = (h: number) => new Date(at.getTime() + h * 3_600_000).toISOString();
  return { name, regionCode, formKey: 'epidemic.household_survey', startsAt: hours(-1), endsAt: hours(24 * 7), target: { kind: 'list', householdNumbers }, alertRules: [] };
}

async function campaignWithHousehold(env: TestEnv, place: Place, op: Client, marker: string, open: boolean): Promise<string> {
  const household = await op.post<{ id: string }>('/api/households', { gridId: place.gridId, number: marker, address: `${marker}户` });
  assert.equal(household.status, 201, JSON.stringify(household.body));
  const made = await op.post<{ id: string }>('/api/survey-campaigns', campaignBody(place.regionCode, env.clock.now(), [marker], `走访${marker}`));
  assert.equal(made.status, 201, JSON.stringify(made.body));
  if (open) {
    const opened = await op.post(`/api/survey-campaigns/${made.body.id}/open`, { version: 1 });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    await env.rt.jobs.runDue(50);
  }
  return made.body.id;
}

export const scopeKit: ScopeKit = {
  records: {
    survey_campaign: {
      // A campaign of a community is seen from each of its grids' tasks: made outside only.
      places: ['outside'],
      async make(env, place, makers, marker) {
        return { id: await campaignWithHousehold(env, place, makers.placeOp, marker, false), secrets: [`走访${marker}`] };
      },
      bodies: {
        'POST /api/survey-campaigns/:id/open': () => ({ version: 1 }),
        'POST /api/survey-campaigns/:id/close': () => ({ version: 1 }),
        'POST /api/survey-campaigns/:id/cancel': () => ({ version: 1, note: '范围调整' }),
        'POST /api/survey-campaigns/:id/reassign': () => ({ gridId: '00000000-0000-4000-8000-000000000001', assigneeId: '00000000-0000-4000-8000-000000000002' }),
      },
    },
    survey_task: {
      places: ['outside', 'neighbour'],
      async make(env, place, makers, marker) {
        const campaignId = await campaignWithHousehold(env, place, makers.placeOp, marker, true);
        const tasks = await makers.placeOp.get<{ items: { id: string }[] }>(`/api/survey-tasks?campaign=${campaignId}`);
        assert.equal(tasks.body.items.length, 1, JSON.stringify(tasks.body));
        return { id: tasks.body.items[0]!.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/survey-tasks/:id/answers': () => ({ clientId: '00000000-0000-4000-8000-0000000000aa', answers: {} }),
      },
    },
  },
  probes: () => [
    { method: 'GET', url: '/api/survey-campaigns' },
    { method: 'GET', url: '/api/survey-tasks' },
  ],
};
