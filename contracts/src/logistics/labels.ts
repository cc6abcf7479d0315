import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { DISCREPANCY_KINDS, DRIVER_STATUSES, LICENCE_CLASSES, RETURN_REASONS, SHIPMENT_KINDS, SHIPMENT_STATUSES, TRAFFIC_CONTROL_KINDS, TRAFFIC_CONTROL_STATUSES, VEHICLE_KINDS, VEHICLE_STATUSES } from './index.js';

const vehicleKind: Labels<typeof VEHICLE_KINDS> = {
  truck: { zh: '厢式货车', en: 'Box truck' },
  flatbed: { zh: '平板货车', en: 'Flatbed truck' },
  refrigerated: { zh: '冷藏车', en: 'Refrigerated truck' },
  van: { zh: '面包车', en: 'Van' },
  pickup: { zh: '皮卡', en: 'Pickup' },
  other: { zh: '其他', en: 'Other' },
};
const vehicleStatus: Labels<typeof VEHICLE_STATUSES> = {
  available: { zh: '可用', en: 'Available' },
  in_use: { zh: '运输中', en: 'In use' },
  maintenance: { zh: '维修', en: 'Maintenance' },
  retired: { zh: '停用', en: 'Retired' },
};
const driverStatus: Labels<typeof DRIVER_STATUSES> = {
  active: { zh: '在岗', en: 'Active' },
  inactive: { zh: '停用', en: 'Inactive' },
};
const licenceClass: Labels<typeof LICENCE_CLASSES> = {
  A1: { zh: 'A1 大型客车', en: 'A1 Large bus' }, A2: { zh: 'A2 重型牵引挂车', en: 'A2 Tractor-trailer' }, B1: { zh: 'B1 中型客车', en: 'B1 Medium bus' },
  B2: { zh: 'B2 大型货车', en: 'B2 Heavy truck' }, C1: { zh: 'C1 小型汽车', en: 'C1 Car / light truck' }, C2: { zh: 'C2 小型自动挡汽车', en: 'C2 Automatic car' },
};
const shipmentKind: Labels<typeof SHIPMENT_KINDS> = {
  request: { zh: '申领配送', en: 'Request delivery' },
  transfer: { zh: '仓库调运', en: 'Warehouse transfer' },
  return: { zh: '退回', en: 'Return' },
};
const shipmentStatus: Labels<typeof SHIPMENT_STATUSES> = {
  planned: { zh: '待装车', en: 'Planned' },
  loading: { zh: '装车中', en: 'Loading' },
  departed: { zh: '已发车', en: 'Departed' },
  in_transit: { zh: '运输中', en: 'In transit' },
  arrived: { zh: '已到达', en: 'Arrived' },
  received: { zh: '已签收', en: 'Received' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
const discrepancyKind: Labels<typeof DISCREPANCY_KINDS> = {
  short: { zh: '短少', en: 'Short' },
  damaged: { zh: '破损', en: 'Damaged' },
  excess: { zh: '多收', en: 'Excess' },
  wrong_item: { zh: '错发', en: 'Wrong item' },
};
const returnReason: Labels<typeof RETURN_REASONS> = {
  damaged: { zh: '破损退回', en: 'Damaged' },
  unused: { zh: '未使用退回', en: 'Unused' },
};
const trafficControlKind: Labels<typeof TRAFFIC_CONTROL_KINDS> = {
  road_closed: { zh: '封闭道路', en: 'Road closed' },
  one_way: { zh: '单向通行', en: 'One way' },
  vehicles_restricted: { zh: '限制车辆通行', en: 'Vehicles restricted' },
  escort: { zh: '警车护送', en: 'Escort' },
};
const trafficControlStatus: Labels<typeof TRAFFIC_CONTROL_STATUSES> = {
  scheduled: { zh: '未开始', en: 'Scheduled' },
  active: { zh: '管制中', en: 'Active' },
  ended: { zh: '已结束', en: 'Ended' },
};

export const LOGISTICS_ENUM_LABELS = defineEnumLabels({ vehicleKind, vehicleStatus, driverStatus, licenceClass, shipmentKind, shipmentStatus, discrepancyKind, returnReason, trafficControlKind, trafficControlStatus });
