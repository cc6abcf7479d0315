import { definePermissions } from '../permission-kit.js';

/**
 * Smart sensing (M7): the alarms devices raised, what they sent, and commands back to them.
 * Grid workers see their grid's alarms (the SOS on their street); operators their subtree.
 */
export const SENSING_PERMISSIONS = definePermissions({
  /** Device alarms of the scope with what they became (ticket, warning), and a device's recent messages. */
  'device_alarm:read': { zh: '查阅设备报警', en: 'Read device alarms', roles: ['operator', 'grid_worker'] },
  /** Send a command to a device of the subtree (loudspeaker text, display text, gate open/close). */
  'device:command': { zh: '向设备下发指令', en: 'Command devices', roles: ['operator'] },
});
