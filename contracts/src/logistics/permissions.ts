import { definePermissions } from '../permission-kit.js';

/**
 * Logistics (物资运输与交通管制, M6 item 5): operators keep vehicles and drivers and run the
 * shipments of their subtree; a driver (a staff account linked to a driver) posts tracking points
 * and arrival from the phone; communities and grid workers receive what is shipped to their place.
 * Traffic-control notices are read with `emergency:read` and kept with `emergency:command`.
 */
export const LOGISTICS_PERMISSIONS = definePermissions({
  /** Vehicles, drivers (phones masked) and shipments from or to the region subtree, with their tracks and discrepancies. */
  'logistics:read': { zh: '查看物资运输', en: 'Read logistics', roles: ['operator'] },
  /** Keep vehicles and drivers; plan, load, dispatch, cancel and close shipments from warehouses of the subtree. */
  'logistics:dispatch': { zh: '调度物资运输', en: 'Dispatch shipments', roles: ['operator'] },
  /** As the driver of a shipment (a linked staff account): see it, post tracking points, confirm arrival. */
  'logistics:drive': { zh: '运输车辆驾驶', en: 'Drive shipments', roles: ['operator', 'grid_worker'] },
  /** Receive shipments sent to one's place (a grid worker: their grid) and send returns back. */
  'logistics:receive': { zh: '签收应急物资', en: 'Receive shipments', roles: ['operator', 'grid_worker'] },
});
