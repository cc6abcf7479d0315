/** Emergency command (应急指挥, M6 part 1): events and their lifecycle, plans applied on activation, rescue teams, dispatches and positions. */
import { EMERGENCY_AUDIT_ACTIONS, EMERGENCY_PERMISSIONS, LOGISTICS_AUDIT_ACTIONS, type Role } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { accountsOfRoleAt } from '../../platform/accounts/accounts.js';
import { openEventsCovering } from './events.js';
import { emergencyMetrics } from './metrics.js';
import { emergencyRoutes } from './routes.js';
import { trafficRoutes } from './traffic-routes.js';
import { TRAFFIC_VISIBILITY } from './traffic.js';
import { DISPATCH_VISIBILITY, EVENT_VISIBILITY, PLAN_VISIBILITY, TEAM_VISIBILITY } from './workflow.js';

export const emergencyModule = defineModule({
  name: 'emergency',
  permissions: namesOf(EMERGENCY_PERMISSIONS),
  auditActions: [...namesOf(EMERGENCY_AUDIT_ACTIONS), ...namesOf(LOGISTICS_AUDIT_ACTIONS).filter((a) => a.startsWith('traffic_control.'))],
  errors: [
    'EMERGENCY_STATE', 'EMERGENCY_VERSION_CONFLICT', 'EMERGENCY_LEVEL_UNCHANGED', 'EMERGENCY_TYPE_UNKNOWN', 'EMERGENCY_REGION', 'EMERGENCY_PLAN_DUPLICATE', 'EMERGENCY_TEAM_UNKNOWN',
    'EMERGENCY_TASK_UNKNOWN', 'EMERGENCY_MEMBER_LINK', 'EMERGENCY_ALREADY_DISPATCHED', 'EMERGENCY_NOT_MEMBER', 'EMERGENCY_ROSTER_TIME',
    'TRAFFIC_CONTROL_TIME', 'TRAFFIC_CONTROL_STATE', 'TRAFFIC_CONTROL_EVENT',
  ],
  liveEvents: ['emergency_event.changed', 'emergency_dispatch.changed'],
  records: { emergency_event: EVENT_VISIBILITY, emergency_dispatch: DISPATCH_VISIBILITY, emergency_team: TEAM_VISIBILITY, emergency_plan: PLAN_VISIBILITY, traffic_control: TRAFFIC_VISIBILITY },
  audiences: {
    /** A plan's notification to a role: the active accounts of that role whose scope is the event's region or one above it. */
    emergency_role: (db, audience) => accountsOfRoleAt(db, audience.role as Role, (audience.regionCodes as string[] | undefined) ?? []),
  },
  provides: { openEventsCovering },
  ...emergencyMetrics,
  routes: (app, kit) => {
    emergencyRoutes(app, kit);
    trafficRoutes(app, kit);
  },
});
