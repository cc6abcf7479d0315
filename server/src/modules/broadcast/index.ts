/** Broadcast (应急广播, M6 item 6): messages to the residents and enterprises of an area or a tag by SMS, WeChat and street-light loudspeakers. */
import { BROADCAST_AUDIT_ACTIONS, BROADCAST_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { broadcastRoutes } from './routes.js';
import { loudspeakerChannel } from './loudspeakers.js';
import { enqueueJob, settleJob } from './send.js';
import { shipDefaultTemplates } from './templates.js';
import { BROADCAST_VISIBILITY, LOUDSPEAKER_VISIBILITY, TEMPLATE_VISIBILITY } from './workflow.js';

export const broadcastModule = defineModule({
  name: 'broadcast',
  permissions: namesOf(BROADCAST_PERMISSIONS),
  auditActions: namesOf(BROADCAST_AUDIT_ACTIONS),
  errors: [
    'BROADCAST_STATE', 'BROADCAST_VERSION_CONFLICT', 'BROADCAST_REGION', 'BROADCAST_GRID', 'BROADCAST_TEMPLATE_UNKNOWN', 'BROADCAST_PARAM_MISSING', 'BROADCAST_AUDIENCE_EMPTY',
    'BROADCAST_TEMPLATE_DUPLICATE', 'BROADCAST_TEMPLATE_SHIPPED', 'BROADCAST_DEVICE_DUPLICATE',
  ],
  liveEvents: ['broadcast.changed'],
  records: { broadcast: BROADCAST_VISIBILITY, broadcast_template: TEMPLATE_VISIBILITY, loudspeaker: LOUDSPEAKER_VISIBILITY },
  channels: (kit) => [loudspeakerChannel(kit.config.deviceGatewayUrl)],
  init: (kit) => shipDefaultTemplates(kit.db, kit.clock.now()),
  jobs: (kit) => [enqueueJob(kit), settleJob(kit)],
  routes: broadcastRoutes,
});
