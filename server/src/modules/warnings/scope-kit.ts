/**
 * The scope matrix's warnings: a grid-level warning at the place, written as a run writes one
 * (the warning and the run's audit entry in one transaction: with the audit log down, nothing is
 * made), and the rules (city configuration, unscoped; made through the route).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import { systemContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    warning: {
      async make(env, place, _makers, marker) {
        const id = randomUUID();
        const now = env.clock.now().toISOString();
        try {
          await env.rt.database.db.transaction(async (tx) => {
            const [rule] = await rows<{ id: string }>(tx, sql`select id from warning_rule order by created_at limit 1`);
            await rows(tx, sql`insert into warning (id, rule_id, kind, key, subject_type, subject_id, region_code, grid_id, hit_region_code, hit_grid_id, level, severity, evidence, status, note, version, raised_at, updated_at)
              values (${id}::uuid, ${rule!.id}::uuid, 'access.absent_from_home', ${`matrix:${marker}`}, 'resident', ${randomUUID()}, ${place.regionCode}, ${place.gridId}::uuid, ${place.regionCode}, ${place.gridId}::uuid,
                'grid', 'high', ${JSON.stringify({ records: [], facts: { marker } })}::jsonb, 'raised', ${marker}, 1, ${now}::timestamptz, ${now}::timestamptz)`);
            await writeAudit(tx, systemContext(env.clock, 'warnings.run'), { action: 'warning_run.run', objectType: 'warning', objectId: id, regionCode: place.regionCode, details: { raised: 1 } });
          });
        } catch (error) {
          // As the run answers when its audit entry cannot be written.
          throw new Error(`500 ${String(error).slice(0, 200)}`);
        }
        return { id, secrets: [marker] };
      },
      bodies: {
        'POST /api/warnings/:id/acknowledge': () => ({ version: 1 }),
        'POST /api/warnings/:id/assign': () => ({ version: 1, departmentId: randomUUID() }),
        'POST /api/warnings/:id/handle': () => ({ version: 1, note: '已上门核实' }),
        'POST /api/warnings/:id/close': () => ({ version: 1 }),
        'POST /api/warnings/:id/mark_false_positive': () => ({ version: 1, reason: '人员外出务工' }),
      },
    },
    warning_rule: {
      unscoped: 'Rules are the city\'s configuration, read by every holder of warning:configure; changed only from a city-level scope.',
      async make(_env, _place, makers, marker) {
        const res = await makers.cityOp.post<{ id: string }>('/api/warning-rules', { kind: 'access.absent_from_home', name: `离家未归${marker}`, level: 'grid', severity: 'low', enabled: false });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [] };
      },
      bodies: { 'PATCH /api/warning-rules/:id': () => ({ version: 1, name: '改过的规则名' }) },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/warnings?region=${place.regionCode}` },
    { method: 'GET', url: '/api/warnings?status=open' },
    { method: 'GET', url: '/api/warnings/map' },
  ],
};
