import { defineAuditActions } from '../audit-kit.js';

export const ANNOUNCEMENT_AUDIT_ACTIONS = defineAuditActions({
  'announcement.create': { zh: '起草公告', en: 'Announcement drafted' },
  'announcement.edit': { zh: '修改公告草稿', en: 'Announcement draft changed' },
  'announcement.submit': { zh: '提交公告审核', en: 'Announcement submitted for review' },
  'announcement.publish': { zh: '发布公告', en: 'Announcement published' },
  'announcement.return': { zh: '退回公告', en: 'Announcement returned to its author' },
  'announcement.withdraw': { zh: '撤回公告', en: 'Announcement withdrawn' },
});
