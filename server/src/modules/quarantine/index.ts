/** Quarantine (隔离): orders for contacts with schedules from a versioned rule, daily follow-ups by the responsible worker, fever alerts, release/overdue/lost lists, sites with capacity. */
import { z } from 'zod';
import { QUARANTINE_AUDIT_ACTIONS, QUARANTINE_PERMISSIONS } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import type { Kit } from '../../platform/kit/kit.js';
import { quarantineEvidence, orderStepped } from './exports.js';
import { runDaily } from './followups.js';
import { describeOrders } from './notice-subjects.js';
import { quarantineRetention } from './retention.js';
import { quarantineRoutes } from './routes.js';
import { ORDER_VISIBILITY, SITE_VISIBILITY } from './workflow.js';

/**
 * The nightly follow-ups: an hourly timer whose first run of a local day creates that day's
 * follow-ups (the later runs change nothing but catch orders given since), marks the misses,
 * loses the orders past the limit and follows re-exposures.
 */
export const dailyJob = (kit: Kit) =>
  defineJob({
    name: 'quarantine.daily',
    payload: z.object({}),
    repeatEveryMs: 60 * 60 * 1000,
    async handle(_payload, { clock }) {
      await runDaily(kit, systemContext(clock, 'quarantine.daily'));
    },
  });

export const quarantineModule = defineModule({
  name: 'quarantine',
  permissions: namesOf(QUARANTINE_PERMISSIONS),
  auditActions: namesOf(QUARANTINE_AUDIT_ACTIONS),
  errors: [
    'QUARANTINE_STATE', 'QUARANTINE_VERSION_CONFLICT', 'QUARANTINE_CONTACT_UNKNOWN', 'QUARANTINE_ALREADY_ORDERED', 'QUARANTINE_SITE_REQUIRED', 'QUARANTINE_ADDRESS_REQUIRED', 'QUARANTINE_SITE_UNKNOWN',
    'QUARANTINE_SITE_FULL', 'QUARANTINE_SITE_CAPACITY', 'QUARANTINE_WORKER_UNKNOWN', 'QUARANTINE_DAY_INVALID', 'QUARANTINE_NOT_COMPLETE', 'QUARANTINE_PURPOSE_REQUIRED', 'QUARANTINE_RULE_SCOPE',
  ],
  liveEvents: ['quarantine.changed'],
  records: { quarantine: ORDER_VISIBILITY, quarantine_site: SITE_VISIBILITY },
  subjects: { quarantine: describeOrders },
  evidence: quarantineEvidence,
  reactions: [orderStepped],
  retention: quarantineRetention,
  jobs: (kit) => [dailyJob(kit)],
  routes: quarantineRoutes,
});
