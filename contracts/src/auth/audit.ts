import { defineAuditActions } from '../audit-kit.js';

export const AUTH_AUDIT_ACTIONS = defineAuditActions({
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'auth.lockout': { zh: '账号因多次失败被锁定', en: 'Account locked after failed sign-ins' },
  'auth.password_change': { zh: '修改密码', en: 'Password changed' },
  'auth.enrolment': { zh: '管理员账号本人注册（设置密码和动态验证码）', en: 'Admin account enrolled by its holder (own password and authenticator)', alert: true },
  'audit.read': { zh: '查阅审计日志', en: 'Audit log read' },
  'audit.export': { zh: '导出审计日志', en: 'Audit log exported' },
  'audit.verify': { zh: '校验审计日志链', en: 'Audit chain verified' },
  'request.refused': { zh: '操作被拒绝', en: 'Action refused' },
  'request.failed': { zh: '操作出错（服务器错误）', en: 'Action failed (server error)', alert: true },
  'demo.seed': { zh: '生成演示数据', en: 'Demo data seeded' },
  'retention.purge': { zh: '按保存期限清理个人信息', en: 'Personal data past its retention period purged' },
  'backup.create': { zh: '备份数据库', en: 'Database backed up' },
  'backup.restore': { zh: '从备份恢复数据库', en: 'Database restored from a backup', alert: true },
});
