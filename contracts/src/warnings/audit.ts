import { defineAuditActions } from '../audit-kit.js';

export const WARNING_AUDIT_ACTIONS = defineAuditActions({
  'warning_rule.create': { zh: '新增预警规则', en: 'Warning rule added' },
  'warning_rule.update': { zh: '修改预警规则', en: 'Warning rule changed' },
  'warning_run.run': { zh: '运行预警规则', en: 'Warning rules run' },
  'warning.read': { zh: '查看风险预警', en: 'Risk warning read' },
  'warning.acknowledge': { zh: '签收风险预警', en: 'Risk warning acknowledged' },
  'warning.assign': { zh: '交办风险预警', en: 'Risk warning assigned' },
  'warning.handle': { zh: '处置风险预警', en: 'Risk warning handled' },
  'warning.close': { zh: '办结风险预警', en: 'Risk warning closed' },
  'warning.mark_false_positive': { zh: '标记预警误报', en: 'Risk warning marked a false positive' },
});
