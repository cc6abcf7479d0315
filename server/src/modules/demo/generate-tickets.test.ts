import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CATEGORIES } from '../tickets/categories.js';
import { generateTickets, iso, TICKET_COPY_COLUMNS, type TicketPlan } from './generate-tickets.js';

const UNTIL = Date.parse('2026-11-23T10:00:00+08:00');
const categoryIds = new Map(DEMO_CATEGORIES.flatMap((g) => [g, ...g.children]).map((c, i) => [c.code, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`]));
const grids = [1, 2, 3, 4].map((i) => ({
  id: `10000000-0000-4000-8000-00000000000${i}`,
  code: `43070210100${i}001`,
  regionCode: `43070210100${i}`,
  box: [111 + i * 0.01, 29, 111.01 + i * 0.01, 29.01] as const,
}));
const departmentIds = new Map([['430702000000:城管局', 'd1'], ['430702000000:生态环境局', 'd2'], ['430702000000:公安分局', 'd3'], ['430702000000:应急管理局', 'd4'],
  ['430702000000:民政局', 'd5'], ['430702000000:人社局', 'd6'], ['430702000000:水务公司', 'd7'], ['430702000000:供电公司', 'd8'], ['430702101000:综治办', 'd9']]);
const plan = (over: Partial<TicketPlan> = {}): TicketPlan => ({ seed: 3, count: 20_000, until: UNTIL, days: 730, grids, categoryIds, departmentIds, ...over });
const columns = (line: string) => Object.fromEntries(line.replace(/\n$/, '').split('\t').map((v, i) => [TICKET_COPY_COLUMNS[i]!, v]));

describe('generated tickets', () => {
  it('formats times as toISOString does', () => {
    for (const ms of [0, 1_700_000_000_000, UNTIL, UNTIL + 0.9, Date.parse('2024-02-29T23:59:59.999Z')]) assert.equal(iso(ms), new Date(Math.floor(ms)).toISOString());
  });

  it('gives exactly the count, numbered in order of time, all before the end', () => {
    const all = [...generateTickets(plan())].map((t) => columns(t.ticket));
    assert.equal(all.length, 20_000);
    assert.equal(all[0]!.number!.slice(9), '000001');
    assert.equal(all.at(-1)!.number!.slice(9), '020000');
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.created_at! <= all[i]!.created_at!);
    assert.ok(all.every((t) => Date.parse(t.created_at!) < UNTIL && Date.parse(t.updated_at!) <= UNTIL));
    assert.ok(Date.parse(all[0]!.created_at!) >= UNTIL - 730 * 86_400_000);
  });

  it('is the same for the same seed and end, but for ids and ciphertexts', () => {
    // Record ids are random (and so is the id a merged ticket names).
    const strip = (line: string) => line.split('\t').filter((_, i) => TICKET_COPY_COLUMNS[i] !== 'id' && TICKET_COPY_COLUMNS[i] !== 'duplicate_of').join('\t');
    const a = [...generateTickets(plan({ count: 2000 }))].map((t) => strip(t.ticket));
    const b = [...generateTickets(plan({ count: 2000 }))].map((t) => strip(t.ticket));
    assert.deepEqual(a, b);
    const c = [...generateTickets(plan({ count: 2000, seed: 4 }))].map((t) => strip(t.ticket));
    assert.notDeepEqual(a, c);
  });

  it('follows the daily and weekly rhythm', () => {
    const hours = new Array<number>(24).fill(0);
    const weekdays = new Array<number>(7).fill(0);
    for (const t of generateTickets(plan())) {
      const local = new Date(Date.parse(columns(t.ticket).created_at!) + 8 * 3_600_000);
      hours[local.getUTCHours()]!++;
      weekdays[local.getUTCDay()]!++;
    }
    assert.ok(hours[10]! > 5 * hours[3]!, `10:00 ${hours[10]} vs 03:00 ${hours[3]}`);
    assert.ok(weekdays[1]! > 1.2 * weekdays[0]!, `Monday ${weekdays[1]} vs Sunday ${weekdays[0]}`);
  });

  it('closes nearly all older tickets, mostly on time and rated well; open ones are recent or overdue', () => {
    const tickets = [...generateTickets(plan())];
    const rows = tickets.map((t) => columns(t.ticket));
    const closed = rows.filter((t) => t.status === 'closed');
    assert.ok(closed.length > 0.85 * rows.length, `${closed.length} closed`);
    const onTime = closed.filter((t) => t.overdue === 'f').length / closed.length;
    assert.ok(onTime > 0.8 && onTime < 0.98, `on time ${onTime}`);
    const ratings = closed.filter((t) => t.rating !== '\\N').map((t) => Number(t.rating));
    assert.ok(ratings.length > 0.5 * closed.length);
    assert.ok(ratings.reduce((a, b) => a + b, 0) / ratings.length > 4, 'mostly high ratings');
    const open = rows.filter((t) => !['closed', 'rejected', 'merged'].includes(t.status!));
    assert.ok(open.length > 0);
    for (const t of open) assert.ok(t.overdue === 't' || Date.parse(t.created_at!) > UNTIL - 30 * 86_400_000, `old open ticket ${t.number}`);
    // Assignments for exactly the tickets a department got.
    for (const [i, t] of tickets.entries()) {
      const r = rows[i]!;
      const dispatched = r.handle_due_at !== '\\N';
      assert.equal(t.assignment !== null, dispatched, r.number);
      if (t.assignment) assert.equal(t.assignment.split('\t')[4], r.handle_due_at);
    }
  });

  it('places reports inside the grid outline when it has one', () => {
    // A triangle in the lower-left half of the first grid's box.
    const [w, so, e, n] = grids[0]!.box;
    const ring = [[w, so], [e, so], [w, n], [w, so]];
    const shaped = [{ ...grids[0]!, ring }];
    for (const t of generateTickets(plan({ count: 500, grids: shaped }))) {
      const r = columns(t.ticket);
      const [x, y] = [(Number(r.lon) - w) / (e - w), (Number(r.lat) - so) / (n - so)];
      assert.ok(x + y <= 1, `${r.lon},${r.lat} outside the triangle`);
    }
  });

  it('catches some of the newest tickets mid-way, within their limits, so every state shows', () => {
    const short = plan({ count: 300, days: 60, inFlight: 60, events: true });
    const rows = [...generateTickets(short)];
    const statuses = new Set(rows.map((t) => t.status));
    for (const status of ['reported', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed']) assert.ok(statuses.has(status as never), status);
    for (const t of rows) {
      const r = columns(t.ticket);
      const open = ['accepted', 'dispatched', 'handling'].includes(t.status);
      if (open && r.overdue === 'f') {
        const due = t.status === 'accepted' ? r.dispatch_due_at! : r.handle_due_at!;
        assert.ok(Date.parse(due) > UNTIL, `${r.number} ${t.status} past its limit but not overdue`);
      }
      // The timeline ends where the ticket stands, and no later than the end.
      const last = t.events.at(-1)!.split('\t');
      assert.equal(last[7], t.status, r.number);
      assert.ok(Date.parse(last[3]!) <= UNTIL);
    }
    // The same plan without in-flight tickets differs only in the newest ones.
    const plain = [...generateTickets({ ...short, inFlight: 0 })];
    for (let i = 0; i < 240; i++) assert.equal(plain[i]!.status, rows[i]!.status);
  });
});
