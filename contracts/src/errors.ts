/**
 * Stable error codes. A client branches on `code`; `message` is for people and comes in
 * Simplified Chinese (default) or English. The HTTP status travels with the code.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法', en: 'The request is not valid' },
  UNKNOWN_FIELD: { status: 400, zh: '请求包含未知字段', en: 'The request contains an unknown field' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名、密码或验证码错误', en: 'Wrong username, password or code' },
  AUTH_TOTP_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter the code from your authenticator' },
  AUTH_TOTP_ENROLLMENT_INVALID: { status: 400, zh: '动态验证码绑定已失效，请重新登录', en: 'The authenticator enrolment has expired; sign in again' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; sign in again' },
  AUTH_PASSWORD_WEAK: { status: 400, zh: '密码强度不足', en: 'The password is too weak' },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '记录已存在', en: 'The record already exists' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  REGION_CODE_INVALID: { status: 400, zh: '行政区划代码不合法', en: 'The division code is not valid' },
  REGION_PARENT_MISMATCH: { status: 400, zh: '上级区划与代码前缀不符', en: 'The parent region does not match the code prefix' },
  REGION_PARENT_NOT_FOUND: { status: 400, zh: '上级区划不存在或已撤销', en: 'The parent region does not exist or has been revoked' },
  REGION_HAS_CHILDREN: { status: 409, zh: '该区划下仍有有效的下级区划或网格', en: 'The region still has active children or grids' },
  GRID_GEOMETRY_INVALID: { status: 400, zh: '网格边界不是合法的多边形', en: 'The grid boundary is not a valid polygon' },
  GRID_OVERLAP: { status: 409, zh: '网格边界与同社区的其他网格重叠', en: 'The grid boundary overlaps another grid of the community' },
  GRID_REGION_NOT_COMMUNITY: { status: 400, zh: '网格只能建在村（社区）之下', en: 'A grid must belong to a community' },
  USER_ROLE_CONFLICT: { status: 400, zh: '系统管理员、安全管理员、审计员三种角色不能由同一账号兼任', en: 'The system admin, security admin and auditor roles cannot be held by one account' },
  USER_SCOPE_INVALID: { status: 400, zh: '账号的管辖范围与角色不符', en: 'The account scope does not fit its role' },
  USER_SELF_CHANGE: { status: 403, zh: '不能修改自己的角色或状态', en: 'You cannot change your own role or status' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}

export type Locale = 'zh-CN' | 'en';

export function errorMessage(code: ErrorCode, locale: Locale): string {
  const entry = ERRORS[code];
  return locale === 'en' ? entry.en : entry.zh;
}
