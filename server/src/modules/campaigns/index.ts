/** Survey campaigns (入户走访摸排): a form, a region, a window and a target; tasks per household for the grids' workers; answers, alerts, progress, export. */
import { CAMPAIGN_AUDIT_ACTIONS, CAMPAIGN_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { answerReadable, fileTicketJob } from './answer-task.js';
import { feedArrivals } from './feed-arrivals.js';
import { generateJob } from './generate-tasks.js';
import { campaignsMetrics } from './metrics.js';
import { campaignRoutes } from './routes.js';
import { settleDeclared } from './settle-declared.js';
import { campaignEndJob } from './transition-campaign.js';
import { CAMPAIGN_VISIBILITY, TASK_VISIBILITY } from './workflow.js';

export const campaignsModule = defineModule({
  name: 'campaigns',
  permissions: namesOf(CAMPAIGN_PERMISSIONS),
  auditActions: namesOf(CAMPAIGN_AUDIT_ACTIONS),
  errors: [
    'SURVEY_CAMPAIGN_STATE', 'SURVEY_CAMPAIGN_VERSION_CONFLICT', 'SURVEY_CAMPAIGN_NOT_OPEN', 'SURVEY_TASK_DONE', 'SURVEY_ANSWER_CONFLICT', 'SURVEY_ASSIGNEE_INVALID', 'SURVEY_TARGET_EMPTY', 'SURVEY_PURPOSE_REQUIRED',
    'SURVEY_LIST_FILE_TYPE', 'SURVEY_LIST_FILE_TOO_LARGE', 'SURVEY_LIST_FILE_EMPTY', 'SURVEY_LIST_ROW_INVALID',
  ],
  liveEvents: ['survey_campaign.changed', 'survey_task.changed'],
  records: { survey_campaign: CAMPAIGN_VISIBILITY, survey_task: TASK_VISIBILITY },
  attachmentOwners: { survey_answer: answerReadable },
  jobs: (kit) => [generateJob(kit), campaignEndJob(kit), fileTicketJob(kit)],
  reactions: [settleDeclared, feedArrivals],
  routes: campaignRoutes,
  ...campaignsMetrics,
});
