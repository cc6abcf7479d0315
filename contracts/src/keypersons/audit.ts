import { defineAuditActions } from '../audit-kit.js';

export const KEYPERSON_AUDIT_ACTIONS = defineAuditActions({
  'key_person.create': { zh: '建立重点人员档案', en: 'Key-person archive created' },
  'key_person.read': { zh: '查阅重点人员档案', en: 'Key-person archive read' },
  'key_person.list': { zh: '查询重点人员列表', en: 'Key-person list read' },
  'key_person.change_risk': { zh: '调整重点人员风险等级', en: 'Key-person risk level changed' },
  'key_person.unmask': { zh: '查看重点人员档案完整信息', en: 'Personal data in a key-person archive revealed' },
  'key_person.visit': { zh: '登记走访', en: 'Visit logged' },
  'key_person.handover': { zh: '发起移交', en: 'Hand-over started' },
  'key_person.accept': { zh: '接收移交', en: 'Hand-over confirmed' },
  'key_person.refuse': { zh: '拒收移交', en: 'Hand-over refused' },
  'key_person.overdue': { zh: '走访逾期提醒', en: 'Overdue visit alert' },
  'key_person_access.request': { zh: '申请查阅未成年人档案', en: 'Access to a minor\'s archive requested' },
  'key_person_access.approve': { zh: '批准查阅未成年人档案', en: 'Access to a minor\'s archive approved' },
  'key_person_access.refuse': { zh: '驳回查阅未成年人档案', en: 'Access to a minor\'s archive refused' },
  'kp_category.update': { zh: '修改重点人员类别', en: 'Key-person category changed' },
});
