/** The scope matrix's tickets: a report at the place, filed by its county's command centre. */
import assert from 'node:assert/strict';
import { TICKET_ACTION_INPUTS, TICKET_TRANSITIONS, type Ticket } from '@gridgov/contracts';
import type { ScopeKit } from '../../../test/scope-kit.js';

const FILLS: Record<string, (id: string) => unknown> = {
  version: () => 1,
  note: () => '核实情况',
  publicNote: () => '已核实',
  departmentIds: () => ['00000000-0000-4000-8000-000000000001'],
  targetId: (id) => id,
  rating: () => 3,
  level: () => 'county',
  until: () => '2099-01-01T00:00:00.000Z',
  categoryId: () => undefined,
  checkInMinutes: () => 60,
  attachmentIds: () => [],
};

/** A valid body for each transition: every field its schema has, filled in. */
function transitionBodies(): Record<string, (r: { id: string }) => unknown> {
  return Object.fromEntries(
    TICKET_TRANSITIONS.map((action) => [
      `POST /api/tickets/:id/${action}`,
      (r: { id: string }) => Object.fromEntries(Object.keys(TICKET_ACTION_INPUTS[action].shape).map((k) => [k, FILLS[k]!(r.id)]).filter(([, v]) => v !== undefined)),
    ]),
  );
}

export const scopeKit: ScopeKit = {
  records: {
    ticket: {
      async make(env, place, makers, marker) {
        const description = `${marker}：路面塌陷，报告人赵先生`;
        const res = await makers.placeOp.post<{ ticket: Ticket }>('/api/tickets', { description, lon: place.lon, lat: place.lat, categoryId: env.seed.tickets.categoryIds.get('city.road') });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        // Its number is not secret: a duplicate hint outside one's scope may name it.
        return { id: res.body.ticket.id, secrets: [marker] };
      },
      bodies: transitionBodies(),
    },
  },
  probes: (place, made) => {
    const ticket = made.get('ticket');
    return [
      // A resident may report anywhere served and is told which grid the report goes to.
      { method: 'POST', url: '/api/tickets/check', body: { description: `${ticket?.secrets[0] ?? ''}：路面塌陷`, lon: place.lon, lat: place.lat }, placeShownTo: ['resident'] },
      { method: 'GET', url: `/api/tickets?q=${encodeURIComponent(ticket?.secrets[0] ?? '')}` },
      { method: 'GET', url: `/api/tickets?view=all&region=${place.regionCode}` },
      { method: 'GET', url: `/api/bulletins?region=${place.regionCode}` },
    ];
  },
};
