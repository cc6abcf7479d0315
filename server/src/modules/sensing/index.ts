/**
 * Smart sensing (M7): what devices send, stored by day; the alarms they raise filed into the
 * closed loop; commands back to them. The gateways (MQTT, GB/T 28181) start with the server
 * (`startGateways`, main.ts); the protocol layers themselves are in platform/protocols.
 */
import { SENSING_AUDIT_ACTIONS, SENSING_ERRORS, SENSING_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { FEVER_EVIDENCE, WATCHLIST_RULE, fileAlarmsJob } from './alarm-job.js';
import { deviceCommandChannel, expireCommandsJob } from './commands.js';
import { EVENT_RETENTION, ensureEventPartitions, partitionJob } from './events.js';
import { ALARM_VISIBILITY, describeAlarms } from './queries.js';
import { sensingMetrics } from './metrics.js';
import { sensingGauges } from './gauges.js';
import { sensingRoutes } from './routes.js';

export { startGateways, gatewaysOf, type Gateways } from './gateways.js';
export { fileAlarms } from './alarm-job.js';
export { raiseAlarm, type AlarmDevice } from './store.js';
export { appendNew } from './events.js';

export const sensingModule = defineModule({
  name: 'sensing',
  permissions: namesOf(SENSING_PERMISSIONS),
  auditActions: namesOf(SENSING_AUDIT_ACTIONS),
  errors: namesOf(SENSING_ERRORS),
  liveEvents: ['device_alarm.filed'],
  ...sensingMetrics,
  records: { device_alarm: ALARM_VISIBILITY },
  subjects: { device_alarm: describeAlarms },
  channels: (kit) => [deviceCommandChannel(kit)],
  evidence: [FEVER_EVIDENCE],
  warningRules: [WATCHLIST_RULE],
  init: (kit) => ensureEventPartitions(kit.db, kit.clock.now()),
  jobs: (kit) => [partitionJob, fileAlarmsJob(kit), expireCommandsJob],
  retention: EVENT_RETENTION,
  gauges: [sensingGauges],
  routes: sensingRoutes,
});
