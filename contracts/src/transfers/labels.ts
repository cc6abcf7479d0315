/** The labels of import and export states, in both languages. */
import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { IMPORT_STATUSES, EXPORT_STATUSES } from './index.js';

export const TRANSFER_ENUM_LABELS = defineEnumLabels({
  importStatus: {
    uploaded: { zh: '已上传', en: 'Uploaded' },
    queued: { zh: '排队中', en: 'Queued' },
    running: { zh: '导入中', en: 'Running' },
    done: { zh: '已完成', en: 'Done' },
    failed: { zh: '失败', en: 'Failed' },
} satisfies Labels<typeof IMPORT_STATUSES>,
  exportStatus: {
    pending_approval: { zh: '待审批', en: 'Awaiting approval' },
    queued: { zh: '生成中', en: 'Being prepared' },
    ready: { zh: '可下载', en: 'Ready' },
    rejected: { zh: '已驳回', en: 'Rejected' },
    failed: { zh: '失败', en: 'Failed' },
    expired: { zh: '已过期（文件已按保存期限删除）', en: 'Expired (file deleted after its retention period)' },
    approved: { zh: '已批准（24 小时内回到原页面再次导出）', en: 'Approved (export it again from its page within 24 hours)' },
    delivered: { zh: '已导出', en: 'Exported' },
} satisfies Labels<typeof EXPORT_STATUSES>,
});
