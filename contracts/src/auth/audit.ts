import { defineAuditActions } from '../audit-kit.js';

export const AUTH_AUDIT_ACTIONS = defineAuditActions({
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'auth.lockout': { zh: '账号因多次失败被锁定', en: 'Account locked after failed sign-ins' },
  'auth.password_change': { zh: '修改密码', en: 'Password changed' },
  'auth.enrolment': { zh: '管理员账号本人注册（设置密码和动态验证码）', en: 'Admin account enrolled by its holder (own password and authenticator)', alert: true },
  'audit.read': { zh: '查阅审计日志', en: 'Audit log read' },
  'demo.seed': { zh: '生成演示数据', en: 'Demo data seeded' },
});
