import { defineAuditActions } from '../audit-kit.js';

export const LOGISTICS_AUDIT_ACTIONS = defineAuditActions({
  'logistics.vehicle': { zh: '维护运输车辆', en: 'Vehicle saved' },
  'logistics.driver': { zh: '维护驾驶员', en: 'Driver saved' },
  'shipment.create': { zh: '新建运输单', en: 'Shipment planned' },
  'shipment.load': { zh: '运输单开始装车', en: 'Shipment loading' },
  'shipment.depart': { zh: '运输单发车（物资出库）', en: 'Shipment departed (stock issued)' },
  'shipment.track': { zh: '上报运输位置', en: 'Shipment position posted' },
  'shipment.arrive': { zh: '运输单到达', en: 'Shipment arrived' },
  'shipment.receive': { zh: '运输单签收', en: 'Shipment received' },
  'shipment.close': { zh: '运输单关闭', en: 'Shipment closed' },
  'shipment.cancel': { zh: '取消运输单', en: 'Shipment cancelled' },
  'traffic_control.save': { zh: '发布交通管制', en: 'Traffic control saved' },
  'traffic_control.lift': { zh: '解除交通管制', en: 'Traffic control lifted' },
});
