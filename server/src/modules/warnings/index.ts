/** Risk warnings (风险监测预警): rules as data over the modules' rule kinds, a nightly set-based run, and each warning as a workflow. */
import { z } from 'zod';
import { WARNING_AUDIT_ACTIONS, WARNING_PERMISSIONS } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import type { Kit } from '../../platform/kit/kit.js';
import { describeWarnings } from './queries.js';
import { ruleNames, seedRules } from './rules.js';
import { runRules } from './run-rules.js';
import { warningRoutes } from './routes.js';
import { WARNING_VISIBILITY } from './workflow.js';
import { warningsMetrics } from './metrics.js';

/** The nightly run of every enabled rule (every 24 hours from start). */
export const warningRunJob = (kit: Kit) =>
  defineJob({
    name: 'warnings.run',
    payload: z.object({}),
    repeatEveryMs: 24 * 60 * 60 * 1000,
    async handle(_payload, { clock }) {
      await runRules(kit, systemContext(clock, 'warnings.run'), 'schedule');
    },
  });

export const warningsModule = defineModule({
  name: 'warnings',
  permissions: namesOf(WARNING_PERMISSIONS),
  auditActions: namesOf(WARNING_AUDIT_ACTIONS),
  errors: ['WARNING_STATE', 'WARNING_VERSION_CONFLICT', 'WARNING_RULE_VERSION_CONFLICT', 'WARNING_RULE_KIND_UNKNOWN', 'WARNING_RULE_PARAMS_INVALID', 'WARNING_ASSIGNEE_REQUIRED', 'WARNING_ASSIGNEE_INVALID', 'WARNING_RUN_BUSY'],
  liveEvents: ['warning.raised', 'warning.changed'],
  records: { warning: WARNING_VISIBILITY },
  subjects: { warning: describeWarnings },
  auditLabels: { warning_rule: ruleNames },
  init: (kit) => seedRules(kit.db, kit.registry, kit.clock.now()),
  jobs: (kit) => [warningRunJob(kit)],
  routes: warningRoutes,
  ...warningsMetrics,
});
