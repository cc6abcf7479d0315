/** No-petition villages (无上访村): criteria as data per locality, the monthly assessment of every village, its list, history, map and tiles. */
import { z } from 'zod';
import { PETITION_AUDIT_ACTIONS, PETITION_PERMISSIONS } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import type { Kit } from '../../platform/kit/kit.js';
import { seedDefaultCriteria } from './criteria.js';
import { assessVillages } from './assess-villages.js';
import { monthOf, shiftMonth } from './months.js';
import { petitionRoutes } from './routes.js';
import { petitionsMetrics } from './metrics.js';
import { VILLAGE_VISIBILITY } from './queries.js';

/**
 * The monthly assessment: a daily timer that assesses the month that ended last (again, which
 * changes nothing once its data is settled), so a month is assessed on the 1st and late entries
 * of the days after still reach it until the next month ends.
 */
export const assessJob = (kit: Kit) =>
  defineJob({
    name: 'petitions.assess',
    payload: z.object({ month: z.string().optional() }),
    repeatEveryMs: 24 * 60 * 60 * 1000,
    async handle(payload, { clock }) {
      const month = payload.month ?? shiftMonth(monthOf(clock.now()), -1);
      await assessVillages(kit.db, systemContext(clock, 'petitions.assess'), { regionPrefix: '', month });
    },
  });

export const petitionsModule = defineModule({
  name: 'petitions',
  permissions: namesOf(PETITION_PERMISSIONS),
  auditActions: namesOf(PETITION_AUDIT_ACTIONS),
  errors: ['PETITION_CRITERIA_VERSION_CONFLICT', 'PETITION_CRITERIA_INVALID', 'PETITION_CRITERIA_LEVEL', 'PETITION_MONTH_NOT_ENDED'],
  records: { petition_village: VILLAGE_VISIBILITY },
  init: (kit) => seedDefaultCriteria(kit.db, kit.clock.now()),
  jobs: (kit) => [assessJob(kit)],
  routes: petitionRoutes,
  ...petitionsMetrics,
});
