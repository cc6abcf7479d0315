/** Outbound call campaigns (智能外呼, M6): scripts spoken by a speech engine, targets, call windows, concurrency and retries on a telephony provider (a local simulator ships); answers written back as declarations or follow-up tasks. */
import { CALLOUT_AUDIT_ACTIONS, CALLOUT_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { calloutRoutes } from './routes.js';
import { declareJob } from './declare-outcome.js';
import { dispatchJob, handleCallEvent } from './dialer.js';
import { simulatorEventsJob } from './telephony.js';
import { CAMPAIGN_VISIBILITY, TASK_VISIBILITY } from './workflow.js';

export const calloutsModule = defineModule({
  name: 'callouts',
  permissions: namesOf(CALLOUT_PERMISSIONS),
  auditActions: namesOf(CALLOUT_AUDIT_ACTIONS),
  errors: [
    'CALLOUT_STATE', 'CALLOUT_VERSION_CONFLICT', 'CALLOUT_REGION', 'CALLOUT_SCRIPT_INVALID', 'CALLOUT_WINDOW_INVALID', 'CALLOUT_TARGET_INVALID', 'CALLOUT_NO_TARGETS', 'CALLOUT_TTS_UNAVAILABLE',
    'CALLOUT_TTS_FAILED', 'CALLOUT_WEBHOOK_AUTH', 'CALLOUT_CALL_UNKNOWN', 'CALLOUT_PROMPT_UNKNOWN', 'CALLOUT_PURPOSE_REQUIRED', 'CALLOUT_TASK_STATE',
  ],
  liveEvents: ['callout_campaign.changed'],
  records: { callout_campaign: CAMPAIGN_VISIBILITY, callout_task: TASK_VISIBILITY },
  jobs: (kit) => [dispatchJob(kit), declareJob(kit), simulatorEventsJob(kit, handleCallEvent)],
  routes: calloutRoutes,
});
