import { defineAuditActions } from '../audit-kit.js';

export const ENTERPRISE_AUDIT_ACTIONS = defineAuditActions({
  'enterprise_application.create': { zh: '起草企业复工申请', en: 'Resumption application drafted' },
  'enterprise_application.edit': { zh: '修改企业复工申请', en: 'Resumption application changed' },
  'enterprise_application.submit': { zh: '提交企业复工申请', en: 'Resumption application submitted' },
  'enterprise_application.return': { zh: '退回企业复工申请', en: 'Resumption application returned for changes' },
  'enterprise_application.approve': { zh: '批准企业复工', en: 'Resumption approved' },
  'enterprise_application.reject': { zh: '不予批准企业复工', en: 'Resumption rejected' },
  'enterprise_application.revoke': { zh: '撤销企业复工许可', en: 'Resumption revoked' },
  'enterprise_application.read_staff': { zh: '查看复工申请员工名单', en: 'Resumption staff list read' },
  'enterprise_health.register': { zh: '登记员工健康情况', en: 'Employee health registered' },
  'enterprise_health.read': { zh: '查看员工健康登记', en: 'Employee health registration read' },
  'enterprise_filer.grant': { zh: '指定企业填报人', en: 'Enterprise filer linked' },
  'enterprise_filer.revoke': { zh: '解除企业填报人', en: 'Enterprise filer unlinked' },
  'enterprise_screening.set': { zh: '登记企业排查结果', en: 'Enterprise screening recorded' },
});
