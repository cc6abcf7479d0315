/** The scope matrix's device alarms: their list, map points and per-grid counts (the device routes they name are the devices kit's). */
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {},
  probes: () => [{ method: 'GET', url: '/api/device-alarms' }, { method: 'GET', url: '/api/device-alarms/layer' }, { method: 'GET', url: '/api/device-alarms/map' }],
};
