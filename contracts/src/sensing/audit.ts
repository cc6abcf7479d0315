import { defineAuditActions } from '../audit-kit.js';

export const SENSING_AUDIT_ACTIONS = defineAuditActions({
  'device_alarm.list': { zh: '查询设备报警', en: 'Device alarms listed' },
  'device_event.list': { zh: '查阅设备上报数据', en: 'Device messages read' },
  'device_command.create': { zh: '向设备下发指令', en: 'Device command sent' },
});
