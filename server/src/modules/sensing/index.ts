/** Smart sensing (M7): what devices send, stored by day; the protocol layers feed it (platform/protocols). */
import { defineModule } from '../../platform/kit/module.js';
import { EVENT_RETENTION, ensureEventPartitions, partitionJob } from './events.js';

export const sensingModule = defineModule({
  name: 'sensing',
  permissions: [],
  auditActions: [],
  init: (kit) => ensureEventPartitions(kit.db, kit.clock.now()),
  jobs: () => [partitionJob],
  retention: EVENT_RETENTION,
});
