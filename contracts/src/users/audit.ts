import { defineAuditActions } from '../audit-kit.js';

export const USER_AUDIT_ACTIONS = defineAuditActions({
  'user.create': { zh: '创建账号', en: 'Account created' },
  'user.update': { zh: '修改账号', en: 'Account changed' },
  'user.unlock': { zh: '解锁账号', en: 'Account unlocked' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
});
