import { defineAuditActions } from '../audit-kit.js';

export const DECLARATION_AUDIT_ACTIONS = defineAuditActions({
  'declaration.create': { zh: '提交健康申报', en: 'Health declaration submitted' },
  'declaration.replace': { zh: '当日健康申报被重新申报替代', en: 'Health declaration replaced by a new one the same day' },
  'declaration.read': { zh: '查阅健康申报', en: 'Health declaration read' },
  'declaration.list': { zh: '查询健康申报列表', en: 'Health declarations listed' },
  'declaration.history': { zh: '居民查询本人申报记录', en: 'Resident looked up their own declarations' },
});
