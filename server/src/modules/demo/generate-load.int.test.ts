/**
 * The demo generator on a real database (embedded, or PostgreSQL with --postgres): the small
 * city with a few thousand tickets loaded by COPY, then checked as the API sees it: residents
 * whose ID numbers decrypt to valid GB 11643 numbers and travel masked, unique ticket numbers,
 * assignments that agree with the tickets' states, and a second run refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { maskIdNumber, maskPhone, tileValue, validateIdNumber, type DashboardOverview, type Resident, type Ticket } from '@gridgov/contracts';
import { startTestEnv, TEST_PII_KEY, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { PiiVault } from '../../platform/pii/vault.js';
import { compareWithRecount } from '../../platform/metrics/metrics.js';
import { SCALES } from './generate-city.js';
import { DemoDataPresentError, generateDemoData, type GenerateResult } from './generate-load.js';

const TICKETS = 3000;

describe('demo generator (bulk load)', () => {
  let env: TestEnv;
  let result: GenerateResult;
  let op: Client;
  const vault = new PiiVault(Buffer.from(TEST_PII_KEY, 'base64'));
  const options = () => ({ scale: SCALES.small, seed: 5, tickets: TICKETS, years: 2, piiKey: Buffer.from(TEST_PII_KEY, 'base64'), clock: env.clock });

  before(async () => {
    env = await startTestEnv({ seed: false });
    result = await generateDemoData(env.rt.database, options());
    op = await env.login('city_op');
  });
  after(() => env.close());

  const count = async (table: string) => (await rows<{ n: number }>(env.rt.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  it('loads the whole small city: residents, households, members, tickets', async () => {
    const city = result.seed.city;
    assert.equal(await count('resident'), city.residentCount);
    assert.equal(await count('household'), city.grids.reduce((a, g) => a + g.households, 0));
    assert.equal(await count('household_member'), city.residentCount);
    assert.equal(await count('ticket'), TICKETS);
    assert.equal(await count('ticket_assignment'), result.counts.assignments);
    assert.deepEqual(result.counts, {
      residents: city.residentCount,
      households: city.grids.reduce((a, g) => a + g.households, 0),
      householdMembers: city.residentCount,
      tickets: TICKETS,
      assignments: result.counts.assignments,
    });
    assert.ok(result.counts.assignments > TICKETS / 5, `${result.counts.assignments} assignments`);
    // One head per household; the demo places (buildings, dwellings) came with the seed.
    assert.equal(await count("household_member where relation = 'head'"), await count('household'));
    assert.ok((await count('dwelling')) > 0);
    // Indexes were dropped and built again: all of them are there and valid.
    const [invalid] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from pg_index x join pg_class t on t.oid = x.indrelid where t.relname in ('resident', 'ticket') and not x.indisvalid`);
    assert.equal(invalid!.n, 0);
    const [indexes] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from pg_indexes where tablename = 'resident'`);
    assert.ok(indexes!.n >= 7, `${indexes!.n} resident indexes`);
  });

  it('protects every ID number and phone as the registers do: decrypts to a valid GB 11643 number, keyed hash, masked form', async () => {
    const found = await rows<{ id_cipher: Buffer; id_hash: Buffer; id_masked: string; phone_cipher: Buffer; phone_hash: Buffer; phone_masked: string; birth_date: string; sex: string; name_pinyin: string; name_initials: string }>(
      env.rt.database.db,
      sql`select id_cipher, id_hash, id_masked, phone_cipher, phone_hash, phone_masked, birth_date::text, sex, name_pinyin, name_initials from resident`,
    );
    assert.equal(found.length, result.seed.city.residentCount);
    const numbers = new Set<string>();
    for (const r of found) {
      const idNumber = vault.decrypt('id_number', Buffer.from(r.id_cipher));
      const checked = validateIdNumber(idNumber, env.clock.now());
      assert.ok(checked.ok, `invalid ID number ${idNumber.slice(0, 6)}...`);
      assert.equal(checked.birthDate, r.birth_date);
      assert.equal(checked.sex, r.sex);
      assert.ok(Buffer.from(r.id_hash).equals(vault.hash('id_number', idNumber)));
      assert.equal(r.id_masked, maskIdNumber(idNumber));
      const phone = vault.decrypt('phone', Buffer.from(r.phone_cipher));
      assert.ok(Buffer.from(r.phone_hash).equals(vault.hash('phone', phone)));
      assert.equal(r.phone_masked, maskPhone(phone));
      assert.ok(r.name_pinyin.length > 0 && r.name_initials.length > 0);
      numbers.add(idNumber);
    }
    assert.equal(numbers.size, found.length);
  });

  it('shows loaded residents through the registers API: listed, found by ID number and tag, masked, unmasked with a reason', async () => {
    const list = await op.get<{ items: Resident[]; total: number }>('/api/residents?pageSize=50');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.total, result.seed.city.residentCount);
    const first = list.body.items[0]!;
    assert.match(first.idNumberMasked, /^\d{2}\*{14}[\dX]{2}$/);
    assert.match(first.phoneMasked ?? '', /^1\d{2}\*{4}\d{4}$/);
    assert.ok(first.householdId, 'a household');

    const full = await op.post<{ idNumber: string }>(`/api/residents/${first.id}/unmask`, { reason: '核对生成数据', fields: ['idNumber'] });
    assert.equal(full.status, 200, JSON.stringify(full.body));
    assert.equal(maskIdNumber(full.body.idNumber), first.idNumberMasked);
    const byNumber = await op.get<{ items: Resident[]; total: number }>(`/api/residents?idNumber=${full.body.idNumber}`);
    assert.deepEqual(byNumber.body.items.map((r) => r.id), [first.id]);

    const shown = await op.get<Resident>(`/api/residents/${first.id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.version, 1);
    const tagged = await op.get<{ items: Resident[]; total: number }>('/api/residents?tag=party_member&pageSize=5');
    assert.ok(tagged.body.total > 0);
    assert.ok(tagged.body.items.every((r) => r.tags.includes('party_member')));
    const household = await op.get<{ members: Array<{ residentId: string; idNumberMasked: string }> }>(`/api/households/${first.householdId}`);
    assert.equal(household.status, 200);
    assert.ok(household.body.members.some((m) => m.residentId === first.id && m.idNumberMasked === first.idNumberMasked));
  });

  it('numbers tickets uniquely and sets the sequence past them', async () => {
    const [numbers] = await rows<{ n: number; distinct: number; last: string }>(
      env.rt.database.db,
      sql`select count(*)::int as n, count(distinct number)::int as distinct, (select last_value::text from ticket_number_seq) as last from ticket`,
    );
    assert.equal(numbers!.distinct, TICKETS);
    assert.equal(numbers!.last, String(TICKETS));
    const [bad] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from ticket where number !~ '^\\d{8}-\\d{6,}$' or substr(number, 1, 8) <> to_char(created_at at time zone 'UTC', 'YYYYMMDD')`);
    assert.equal(bad!.n, 0);
  });

  it('gives every dispatched ticket its lead assignment, in step with the ticket', async () => {
    const [mismatch] = await rows<{ n: number; missing: number; extra: number }>(
      env.rt.database.db,
      sql`select
            count(*) filter (where a.ticket_id is not null and (
              not a.lead or a.due_at <> t.handle_due_at or a.assigned_at > a.updated_at
              or a.status <> case t.status when 'dispatched' then 'pending' when 'handling' then 'handling' else 'reported' end
              or t.region_code not like rtrim(d.region_code, '0') || '%'))::int as n,
            count(*) filter (where a.ticket_id is null and t.status in ('dispatched', 'handling', 'reported_back', 'closed') and t.level <> 'grid')::int as missing,
            count(*) filter (where a.ticket_id is not null and (t.status not in ('dispatched', 'handling', 'reported_back', 'closed') or t.level = 'grid'))::int as extra
          from ticket t left join ticket_assignment a on a.ticket_id = t.id left join department d on d.id = a.department_id`,
    );
    assert.deepEqual(mismatch, { n: 0, missing: 0, extra: 0 });
    // Reported back in time or not: the assignment's time agrees with the ticket's overdue flag.
    const [late] = await rows<{ n: number }>(
      env.rt.database.db,
      sql`select count(*)::int as n from ticket t join ticket_assignment a on a.ticket_id = t.id
           where a.status = 'reported' and t.level = 'community' and not t.overdue and a.updated_at > a.due_at`,
    );
    assert.equal(late!.n, 0);
  });

  it('keeps the tickets in states the closed loop allows', async () => {
    const [bad] = await rows<Record<string, number>>(
      env.rt.database.db,
      sql`select
            count(*) filter (where (status = 'closed') <> (closed_at is not null))::int as closed_at,
            count(*) filter (where rating is not null and (status <> 'closed' or rating not between 1 and 5))::int as rating,
            count(*) filter (where (handle_due_at is not null) <> (status in ('dispatched', 'handling', 'reported_back', 'closed') and level <> 'grid'))::int as handle_due,
            count(*) filter (where status = 'merged' and duplicate_of is null)::int as merged,
            count(*) filter (where closed_at < created_at or updated_at < created_at or created_at > ${env.clock.now().toISOString()}::timestamptz)::int as times,
            count(*) filter (where status = 'closed' and not overdue and closed_at > coalesce(handle_due_at, dispatch_due_at) + interval '1 day')::int as on_time,
            count(*) filter (where public_status <> case status when 'reported' then 'received' when 'accepted' then 'received' when 'closed' then 'resolved' when 'rejected' then 'not_accepted' else 'in_progress' end)::int as public_status
          from ticket`,
    );
    assert.deepEqual(bad, { closed_at: 0, rating: 0, handle_due: 0, merged: 0, times: 0, on_time: 0, public_status: 0 });
    const statuses = await rows<{ status: string }>(env.rt.database.db, sql`select distinct status from ticket order by status`);
    assert.ok(statuses.map((s) => s.status).includes('closed'));
    // A generated ticket shows through the API with its department.
    const [dispatched] = await rows<{ id: string }>(env.rt.database.db, sql`select id from ticket where status = 'closed' and level = 'community' limit 1`);
    const shown = await op.get<Ticket>(`/api/tickets/${dispatched!.id}`);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    assert.equal(shown.body.assignments.length, 1);
    assert.ok(shown.body.assignments[0]!.departmentName);
  });

  it('leaves the dashboard aggregates counting what was loaded', async () => {
    assert.equal(result.aggregates, true);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const overview = await op.get<DashboardOverview>('/api/dashboard/overview');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.equal(tileValue(overview.body.tiles, 'residents'), result.seed.city.residentCount);
    assert.equal(tileValue(overview.body.tiles, 'households'), result.counts.households);
    assert.equal(tileValue(overview.body.tiles, 'openTickets'), await count("ticket where status in ('reported', 'accepted', 'dispatched', 'handling', 'reported_back')"));
  });

  it('refuses a second run into a database that holds demo data', async () => {
    await assert.rejects(generateDemoData(env.rt.database, options()), DemoDataPresentError);
    assert.equal(await count('ticket'), TICKETS);
  });
});
