import { defineAuditActions } from '../audit-kit.js';

export const DEVICES_AUDIT_ACTIONS = defineAuditActions({
  'device.create': { zh: '登记设备', en: 'Device registered' },
  'device.update': { zh: '修改设备', en: 'Device changed' },
  'device.disable': { zh: '停用设备', en: 'Device disabled' },
  'device.list': { zh: '查询设备列表', en: 'Devices listed' },
  'device.read': { zh: '查阅设备', en: 'Device read' },
  'device.map': { zh: '查看设备地图', en: 'Device map read' },
  'device.coverage': { zh: '查看视频覆盖分析', en: 'Camera coverage read' },
  'device.credentials': { zh: '签发设备密钥', en: 'Device secret issued' },
  'device.import': { zh: '导入设备', en: 'Devices imported' },
  'device.offline': { zh: '设备离线', en: 'Device offline' },
  'device.catalog': { zh: '同步设备目录', en: 'Device catalog synchronised' },
});
