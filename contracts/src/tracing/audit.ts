import { defineAuditActions } from '../audit-kit.js';

export const TRACING_AUDIT_ACTIONS = defineAuditActions({
  'case.create': { zh: '登记病例', en: 'Case recorded' },
  'case.list': { zh: '查询病例列表', en: 'Cases listed' },
  'case.read': { zh: '查阅病例', en: 'Case read' },
  'case.confirm': { zh: '确诊病例', en: 'Case confirmed' },
  'case.exclude': { zh: '排除病例', en: 'Case excluded' },
  'case.close': { zh: '病例结案', en: 'Case closed' },
  'case.trace': { zh: '密接追踪', en: 'Contacts traced' },
  'case.graph': { zh: '查阅传播链', en: 'Chain of transmission read' },
  'contact.add': { zh: '补录密接', en: 'Contact added' },
  'contact.list': { zh: '查询密接列表', en: 'Contacts listed' },
  'contact.read': { zh: '查阅密接人员', en: 'Contact read' },
  'epidemic.briefing': { zh: '导出疫情日报', en: 'Daily epidemic briefing exported' },
  'tracing.rule': { zh: '修改密接判定规则', en: 'Tracing rule changed' },
});
