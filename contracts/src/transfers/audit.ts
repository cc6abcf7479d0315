import { defineAuditActions } from '../audit-kit.js';

export const TRANSFER_AUDIT_ACTIONS = defineAuditActions({
  'import.upload': { zh: '上传导入文件', en: 'Import file uploaded' },
  'import.start': { zh: '开始导入', en: 'Import started' },
  'import.finish': { zh: '导入完成', en: 'Import finished' },
  'import.discard': { zh: '删除未完成的导入', en: 'Unfinished import deleted' },
  'import.expire': { zh: '清理过期的未完成导入', en: 'Abandoned import cleaned up' },
  'import.error_report': { zh: '下载导入错误报告', en: 'Import error report downloaded' },
  'export.request': { zh: '申请导出', en: 'Export requested' },
  'export.approval_required': { zh: '导出需要审批', en: 'Export needs approval' },
  'export.approve': { zh: '批准导出', en: 'Export approved' },
  'export.reject': { zh: '驳回导出', en: 'Export rejected' },
  'export.ready': { zh: '导出文件已生成', en: 'Export file ready' },
  'export.fail': { zh: '导出失败', en: 'Export failed' },
  'export.tickets': { zh: '导出工单列表', en: 'Ticket list exported' },
  'export.download': { zh: '下载导出文件', en: 'Export downloaded' },
});
