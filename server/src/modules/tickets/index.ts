/** The event closed loop (事件处置闭环): intake, dispatch, handling, report-back, close, rating, escalation. */
import { TICKET_AUDIT_ACTIONS, TICKET_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { bulletinJob } from './bulletin.js';
import { categorySuggester, suggesterSaveJob } from './category-suggester.js';
import { ticketDeps } from './deps.js';
import { ticketLimitJob } from './limit-timer.js';
import { TICKET_VISIBILITY, ticketVisible } from './ticket-access.js';
import { ticketRoutes } from './routes.js';
import { ticketSupportRoutes } from './support-routes.js';
import { ticketsMetrics } from './metrics.js';
import { describeTickets } from './notice-subjects.js';
import { ticketNumbers } from './queries.js';
import { risingInVillage } from './warning-rules.js';
import { reporterRetention } from './retention.js';

export const ticketsModule = defineModule({
  name: 'tickets',
  permissions: namesOf(TICKET_PERMISSIONS),
  auditActions: namesOf(TICKET_AUDIT_ACTIONS).filter((a) => !a.startsWith('open311.')),
  errors: [
    'TICKET_TRANSITION_INVALID', 'TICKET_VERSION_CONFLICT', 'TICKET_FIELD_REQUIRED', 'TICKET_CATEGORY_INVALID', 'TICKET_DEPARTMENT_INVALID',
    'TICKET_ASSISTS_PENDING', 'TICKET_LOCATION_REQUIRED', 'TICKET_LOCATION_UNCONFIRMED', 'TICKET_OUTSIDE_AREA', 'TICKET_CUSTOM_FIELD_INVALID',
  ],
  ...ticketsMetrics,
  liveEvents: ['ticket.created', 'ticket.changed'],
  records: { ticket: TICKET_VISIBILITY },
  attachmentOwners: { ticket: ticketVisible },
  subjects: { ticket: describeTickets },
  auditLabels: { ticket: ticketNumbers },
  warningRules: [risingInVillage],
  init: (kit) => categorySuggester(kit).load(kit.db),
  jobs: (kit) => [ticketLimitJob(kit, () => ticketDeps(kit)), suggesterSaveJob(categorySuggester(kit)), bulletinJob],
  retention: [reporterRetention],
  routes(app, kit) {
    ticketRoutes(app, kit);
    ticketSupportRoutes(app, { ...ticketDeps(kit), clock: kit.clock }, kit);
  },
  close: (kit) => categorySuggester(kit).save(kit.db, kit.clock.now()).then(() => undefined),
});
