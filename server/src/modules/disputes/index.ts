/** Disputes (矛盾纠纷排查化解): register, mediation workflow, agreement, risk-warning rule kinds. */
import { DISPUTE_AUDIT_ACTIONS, DISPUTE_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { seedCodeLists } from '../../platform/code-lists/code-lists.js';
import { disputeRoutes } from './routes.js';
import { disputesMetrics } from './metrics.js';
import { codeListRoutes } from './code-list-routes.js';
import { DISPUTE_VISIBILITY } from './workflow.js';
import { DISPUTE_WARNING_RULES } from './warning-rules.js';
import { describeDisputes } from './notice-subjects.js';
import { fileTicketJob, ticketConcluded } from './escalate-dispute.js';

export const disputesModule = defineModule({
  name: 'disputes',
  permissions: namesOf(DISPUTE_PERMISSIONS),
  auditActions: namesOf(DISPUTE_AUDIT_ACTIONS),
  errors: ['DISPUTE_STATE', 'DISPUTE_VERSION_CONFLICT', 'DISPUTE_NO_AGREEMENT', 'DISPUTE_FORM_VERSION_INVALID', 'DISPUTE_DEPARTMENT_INVALID'],
  liveEvents: ['dispute.changed'],
  records: { dispute: DISPUTE_VISIBILITY },
  subjects: { dispute: describeDisputes },
  warningRules: DISPUTE_WARNING_RULES,
  jobs: (kit) => [fileTicketJob(kit)],
  reactions: [ticketConcluded],
  init: (kit) => seedCodeLists(kit.db),
  routes: (app, kit) => {
    disputeRoutes(app, kit);
    codeListRoutes(app, kit);
  },
  ...disputesMetrics,
});
