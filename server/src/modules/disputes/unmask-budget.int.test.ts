/**
 * One unmask budget per user across every module that keeps ID numbers and phones: a resident's
 * reveal, a dispute party's and a key person's guardian's all spend from it; once it is spent,
 * each of the three is refused (429, nothing revealed), each reveal audited with its reason.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { kpIdNumber, makeKeyPerson } from '../keypersons/scope-kit.js';
import { registerAnswers, testIdNumber } from './test-answers.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}

const LIMIT = 6;

describe('the unmask budget holds across residents, disputes and key persons', () => {
  let env: TestEnv;
  let op: Client;
  let other: Client;
  let gridId: string;

  before(async () => {
    env = await startTestEnv({ config: { unmaskPerHour: LIMIT } });
    [op, other] = await Promise.all([env.login('community_op'), env.login('county_op')]);
    gridId = env.gridId(env.seed.city.grids[0]!.code);
  });
  after(() => env.close());

  it('spends one budget for the three kinds of reveal, refuses each kind once it is spent, and audits every reveal with its reason', async () => {
    const guardianId = kpIdNumber(1960);
    const { id: kpId, residentId } = await makeKeyPerson(op, { gridId }, '预算测', kpIdNumber(1975), {
      categoryCode: 'mental_disorder', managementLevel: undefined, riskLevel: 'high',
      answers: { guardian_name: '预算监护', guardian_id: guardianId, guardian_phone: '13700001111', guardian_relation: 'parent', onset_date: '2010-05-01', diagnosis: 'schizophrenia', risk_assessment: '2' },
    });
    const partyId = testIdNumber(71);
    const d = await op.post<{ id: string }>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers('预算纠纷', [{ name: '预算甲', idNumber: partyId, phone: '13800002222' }]) });
    assert.equal(d.status, 201, JSON.stringify(d.body));

    // The archive's answers are masked; the reveal names the field and gives the full value.
    const archive = await op.get<{ answers: Record<string, unknown> }>(`/api/keypersons/${kpId}?purpose=${encodeURIComponent('核实监护人')}`);
    assert.notEqual(archive.body.answers.guardian_id, guardianId);
    const revealResident = () => op.post<ErrorBody>(`/api/residents/${residentId}/unmask`, { reason: '核实户籍身份', fields: ['idNumber'] });
    const revealParty = () => op.post<{ idNumber: string } & ErrorBody>(`/api/disputes/${d.body.id}/unmask`, { reason: '核实当事人身份', seq: 1 });
    const revealGuardian = () => op.post<{ value: string } & ErrorBody>(`/api/keypersons/${kpId}/unmask`, { reason: '联系监护人核实', field: 'guardian_id' });

    // Not every answer may be revealed: only ID numbers and phones, and only with a reason.
    const notThat = await op.post<ErrorBody>(`/api/keypersons/${kpId}/unmask`, { reason: '联系监护人核实', field: 'guardian_name' });
    assert.deepEqual([notThat.status, notThat.body.error.details?.fields?.[0]?.field], [400, 'field']);
    assert.equal((await op.post(`/api/keypersons/${kpId}/unmask`, { reason: '', field: 'guardian_id' })).status, 400);
    // Out of scope is not found; a grid worker holds no reveal.
    assert.equal((await (await env.login('gw1')).post(`/api/keypersons/${kpId}/unmask`, { reason: '联系监护人核实', field: 'guardian_id' })).status, 403);

    // Two of each: exactly the budget of six.
    for (let i = 0; i < 2; i++) {
      assert.equal((await revealResident()).status, 200);
      const party = await revealParty();
      assert.deepEqual([party.status, party.body.idNumber], [200, partyId]);
      const guardian = await revealGuardian();
      assert.deepEqual([guardian.status, guardian.body.value], [200, guardianId]);
    }
    // The seventh of any kind is refused, and reveals nothing.
    for (const reveal of [revealResident, revealParty, revealGuardian]) {
      const refused = await reveal();
      assert.deepEqual([refused.status, refused.body.error.code], [429, 'UNMASK_RATE_LIMITED']);
      assert.ok(!JSON.stringify(refused.body).includes(partyId) && !JSON.stringify(refused.body).includes(guardianId));
    }
    // Another user's budget is their own.
    assert.equal((await other.post(`/api/disputes/${d.body.id}/unmask`, { reason: '核实当事人身份', seq: 1 })).status, 200);

    const audit = await rows<{ action: string; reason: string }>(
      env.rt.database.db,
      sql`select a.action, a.details->>'reason' as reason from audit_log a join app_user u on u.id::text = a.actor_id::text where u.username = 'community_op' and a.action in ('register.unmask', 'dispute.unmask', 'key_person.unmask') and a.outcome = 'success' order by a.id`,
    );
    assert.equal(audit.length, LIMIT);
    assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), ['dispute.unmask', 'key_person.unmask', 'register.unmask']);
    assert.ok(audit.every((a) => a.reason.length >= 4));

    // An hour later the budget is back.
    env.clock.advance(60 * 60 * 1000 + 1000);
    const again = await env.login('community_op');
    assert.equal((await again.post(`/api/keypersons/${kpId}/unmask`, { reason: '联系监护人核实', field: 'guardian_id' })).status, 200);
  });
});
