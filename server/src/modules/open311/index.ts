/** Open311 GeoReport v2 under /open311/v2, for existing Open311 clients. */
import { TICKET_AUDIT_ACTIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { ticketDeps } from '../tickets/deps.js';
import { open311Routes } from './routes.js';

export const open311Module = defineModule({
  name: 'open311',
  permissions: [],
  auditActions: namesOf(TICKET_AUDIT_ACTIONS, 'open311.'),
  async routes(app, kit) {
    await app.register(open311Routes, { prefix: '/open311', tickets: ticketDeps(kit), clock: kit.clock, mode: kit.config.mode, publicReads: kit.config.open311PublicReads });
  },
});
