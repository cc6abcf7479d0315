/**
 * The scope matrix's call-campaign records: a drafted campaign of the place's community, and a
 * follow-up task an answer raised in the place's grid (written as the dialler writes it: the
 * matrix's city has no residents to call).
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { ScopeKit } from '../../../test/scope-kit.js';
import type { Client } from '../../../test/harness.js';
import type { Place } from '../../../test/scope-kit.js';

const script = (marker: string) => ({
  locale: 'zh-CN', greeting: `您好${marker}`, final: `再见${marker}`, repeatKey: '9',
  questions: [{ key: 'fever', text: `是否发热${marker}`, options: [{ key: '1', label: `发热${marker}`, outcome: { kind: 'declaration', fields: { temperature: 37.5 } } }, { key: '2', label: '没有' }] }],
});

const draft = (regionCode: string, marker: string) => ({ name: `外呼任务${marker}`, regionCode, script: script(marker), target: { kind: 'region' }, windows: [{ start: '09:00', end: '20:00' }] });

async function campaign(op: Client, place: Place, marker: string) {
  const made = await op.post<{ id: string }>('/api/callouts', draft(place.regionCode, marker));
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.id;
}

export const scopeKit: ScopeKit = {
  records: {
    callout_campaign: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        return { id: await campaign(makers.placeOp, place, marker), secrets: [`外呼任务${marker}`, `是否发热${marker}`, `您好${marker}`] };
      },
      bodies: {
        'PUT /api/callouts/:id': () => ({ ...draft('430702000000', 'x'), version: 1 }),
        'POST /api/callouts/:id/approve': () => ({ version: 1 }),
        'POST /api/callouts/:id/start': () => ({ version: 1 }),
        'POST /api/callouts/:id/pause': () => ({ version: 1 }),
        'POST /api/callouts/:id/resume': () => ({ version: 1 }),
        'POST /api/callouts/:id/complete': () => ({ version: 1 }),
        'POST /api/callouts/:id/cancel': () => ({ version: 1, note: '取消' }),
      },
      params: () => ({ prompt: 'greeting' }),
    },
    callout_task: {
      places: ['outside', 'neighbour'],
      async make(env, place, makers, marker) {
        const campaignId = await campaign(makers.placeOp, place, marker);
        const id = crypto.randomUUID();
        const targetId = crypto.randomUUID();
        const now = env.clock.now().toISOString();
        const db = env.rt.database.db;
        await db.execute(sql`insert into callout_target (id, campaign_id, seq, grid_id, region_code, name_masked, phone_masked, status, attempts, answers, outcomes, updated_at)
          values (${targetId}::uuid, ${campaignId}::uuid, 1, ${place.gridId}::uuid, ${place.regionCode}, ${`王${marker}`}, '139****0001', 'answered', 1, '{"fever":"1"}'::jsonb, '[]'::jsonb, ${now})`);
        await db.execute(sql`insert into callout_task (id, campaign_id, target_id, grid_id, region_code, question_key, question, answer, note, status, version, created_at)
          values (${id}::uuid, ${campaignId}::uuid, ${targetId}::uuid, ${place.gridId}::uuid, ${place.regionCode}, 'help', ${`需要帮助${marker}`}, ${`需要${marker}`}, ${`回访备注${marker}`}, 'open', 1, ${now})`);
        return { id, secrets: [`需要帮助${marker}`, `回访备注${marker}`, `王${marker}`] };
      },
      bodies: {
        'POST /api/callout-tasks/:id/done': () => ({ version: 1, note: '已回访' }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/callouts' }, { method: 'GET', url: '/api/callout-tasks' }],
};
