import { definePermissions } from '../permission-kit.js';

/**
 * The device registry (设备管理, M7): operators keep the cameras, gates, sensors and platforms of
 * their region subtree; grid workers see the devices of their grid (a dark camera on their patrol).
 */
export const DEVICES_PERMISSIONS = definePermissions({
  /** Devices of the scope with their state, and the device map layer. */
  'device:read': { zh: '查阅设备', en: 'Read devices', roles: ['operator', 'grid_worker'] },
  /** Register, change, disable and import devices of the subtree; issue and rotate their credentials. */
  'device:manage': { zh: '管理设备', en: 'Manage devices', roles: ['operator'] },
});
