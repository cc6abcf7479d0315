import { defineAuditActions } from '../audit-kit.js';

export const TRANSFER_AUDIT_ACTIONS = defineAuditActions({
  'import.upload': { zh: '上传导入文件', en: 'Import file uploaded' },
  'import.start': { zh: '开始导入', en: 'Import started' },
  'import.finish': { zh: '导入完成', en: 'Import finished' },
  'export.request': { zh: '申请导出', en: 'Export requested' },
  'export.approval_required': { zh: '导出需要审批', en: 'Export needs approval' },
  'export.approve': { zh: '批准导出', en: 'Export approved' },
  'export.reject': { zh: '驳回导出', en: 'Export rejected' },
  'export.ready': { zh: '导出文件已生成', en: 'Export file ready' },
  'export.fail': { zh: '导出失败', en: 'Export failed' },
  'export.download': { zh: '下载导出文件', en: 'Export downloaded' },
});
