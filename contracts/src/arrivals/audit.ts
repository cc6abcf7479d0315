import { defineAuditActions } from '../audit-kit.js';

export const ARRIVAL_AUDIT_ACTIONS = defineAuditActions({
  'arrival.import': { zh: '导入出入境人员', en: 'Arrivals imported' },
  'arrival.list': { zh: '查询出入境人员列表', en: 'Arrivals listed' },
  'arrival.read': { zh: '查阅出入境人员', en: 'Arrival read' },
  'arrival.check': { zh: '核查出入境人员', en: 'Arrival checked' },
});
