import { defineAuditActions } from '../audit-kit.js';

export const USER_AUDIT_ACTIONS = defineAuditActions({
  'user.create': { zh: '创建账号', en: 'Account created' },
  'user.update': { zh: '修改账号', en: 'Account changed' },
  'user.unlock': { zh: '解锁账号', en: 'Account unlocked' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.admin_create': { zh: '创建管理员账号（注册码交运维人员，待本人注册）', en: 'Admin account created (enrolment code to the operators, awaiting its holder)', alert: true },
  'user.admin_reset': { zh: '重置管理员账号（重新签发注册码）', en: 'Admin account reset (a new enrolment code)', alert: true },
});
