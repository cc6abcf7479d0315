import { defineAuditActions } from '../audit-kit.js';

/** Changes to form definitions (forms as data). */
export const FORM_AUDIT_ACTIONS = defineAuditActions({
  'form.draft.create': { zh: '新建表单草稿', en: 'Form draft started' },
  'form.draft.update': { zh: '修改表单草稿', en: 'Form draft changed' },
  'form.draft.delete': { zh: '删除表单草稿', en: 'Form draft deleted' },
  'form.publish': { zh: '发布表单版本', en: 'Form version published' },
  'form.retire': { zh: '停用表单版本', en: 'Form version retired' },
});
