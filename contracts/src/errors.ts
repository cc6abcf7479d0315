/**
 * Stable error codes. A client branches on `code`; `message` is for people and comes in
 * Simplified Chinese (default) or English. The HTTP status travels with the code. The shared
 * codes and the older domains' are here; a domain may also declare its own (`errors` in its
 * `domain.ts`), gathered below.
 */
import { DOMAINS } from './domains.js';
import { gather, type Gathered } from './gather.js';
import type { ErrorSpec } from './error-kit.js';
import { fillTemplate, type MessageParams } from './message-kit.js';

export { defineErrors, type ErrorSpec } from './error-kit.js';

const SHARED_ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法', en: 'The request is not valid' },
  UNKNOWN_FIELD: { status: 400, zh: '请求包含未知字段', en: 'The request contains an unknown field' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名、密码或验证码错误', en: 'Wrong username, password or code' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; sign in again' },
  AUTH_PASSWORD_WEAK: { status: 400, zh: '密码强度不足', en: 'The password is too weak' },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '记录已存在', en: 'The record already exists' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  // ---------- idempotency (replayed submissions from phones that were offline) ----------
  IDEMPOTENCY_KEY_INVALID: { status: 400, zh: '幂等键（Idempotency-Key）格式不正确：8 至 100 个字母、数字或 _ - . : 字符', en: 'The Idempotency-Key header must be 8 to 100 letters, digits or _ - . :' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '此提交编号已用于另一份不同的内容', en: 'This submission id was already used for different content' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, zh: '同一提交正在处理中，请稍后再试', en: 'The same submission is still being processed; try again shortly' },
  IDEMPOTENCY_UNRESOLVED: { status: 409, zh: '无法确认此提交是否已保存，请先核实，再删除或重新填写', en: 'It cannot be confirmed whether this submission was saved; check before discarding or filing it again' },
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
  REGISTER_GRID_INVALID: { status: 400, zh: '网格不存在或不在管辖范围内', en: 'The grid does not exist or is outside your scope' },
  REGISTER_REFERENCE_INVALID: { status: 400, zh: '关联的记录不存在或不在管辖范围内', en: 'The linked record does not exist or is outside your scope' },
  REGISTER_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'Someone else changed the record; reload and try again' },
  REGISTER_DUPLICATE: { status: 409, zh: '相同的记录已经登记', en: 'The same record is already registered' },
  ID_NUMBER_INVALID: { status: 400, zh: '身份证号码不合法', en: 'The ID number is not valid' },
  ID_NUMBER_BIRTH_DATE_MISMATCH: { status: 400, zh: '出生日期或性别与身份证号码不符', en: 'The birth date or sex does not match the ID number' },
  PHONE_INVALID: { status: 400, zh: '电话号码不合法', en: 'The phone number is not valid' },
  CREDIT_CODE_INVALID: { status: 400, zh: '统一社会信用代码不合法', en: 'The unified social credit code is not valid' },
  REGISTER_IN_USE: { status: 409, zh: '该记录下仍有关联的记录，不能删除', en: 'Other records still depend on this one; it cannot be deleted' },
  HOUSEHOLD_MEMBER_EXISTS: { status: 409, zh: '该居民已是其他户的成员', en: 'The resident already belongs to another household' },
  HOUSEHOLD_HEAD_EXISTS: { status: 409, zh: '该户已有户主', en: 'The household already has a head' },
  UNMASK_RATE_LIMITED: { status: 429, zh: '查看完整信息过于频繁，请稍后再试', en: 'Too many requests to see full personal data; try again later' },
  // ---------- import / export ----------
  IMPORT_FILE_TYPE: { status: 400, zh: '文件类型不支持，请上传 .xlsx 或 .csv 文件', en: 'Unsupported file type; upload an .xlsx or .csv file' },
  IMPORT_FILE_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is larger than the limit' },
  IMPORT_TOO_MANY_ROWS: { status: 400, zh: '文件行数超过限制', en: 'The file has more rows than the limit' },
  IMPORT_ZIP_BOMB: { status: 400, zh: '文件压缩比异常，疑似恶意文件', en: 'The file decompresses far beyond its size and looks hostile' },
  IMPORT_FILE_CORRUPT: { status: 400, zh: '文件已损坏或格式不正确', en: 'The file is damaged or not in the expected format' },
  IMPORT_MAPPING_INVALID: { status: 400, zh: '列映射不完整或不正确', en: 'The column mapping is incomplete or wrong' },
  IMPORT_STATE: { status: 409, zh: '导入任务当前状态不允许此操作', en: 'The import is not in a state that allows this' },
  EXPORT_APPROVAL_REQUIRED: { status: 409, zh: '导出数据量较大，需要他人审批后才能下载', en: 'This export is large and needs a second person\'s approval' },
  EXPORT_SELF_APPROVAL: { status: 403, zh: '不能审批自己发起的导出', en: 'You cannot approve your own export' },
  EXPORT_STATE: { status: 409, zh: '导出任务当前状态不允许此操作', en: 'The export is not in a state that allows this' },
  IMPORT_CELL_REQUIRED: { status: 400, zh: '必填项为空', en: 'A required cell is empty' },
  IMPORT_CELL_TOO_LONG: { status: 400, zh: '单元格内容超过长度限制', en: 'The cell is longer than allowed' },
  IMPORT_CELL_INVALID: { status: 400, zh: '单元格的值不在允许的范围内', en: 'The cell holds a value that is not allowed' },
  IMPORT_FORMULA_NOT_ALLOWED: { status: 400, zh: '单元格含有公式，公式不会被计算，请填写数值', en: 'The cell holds a formula; formulas are not evaluated, enter the value' },
  IMPORT_DUPLICATE_ROW: { status: 400, zh: '与文件中前面的行重复', en: 'The row repeats an earlier row of the file' },
  IMPORT_GRID_OUT_OF_SCOPE: { status: 400, zh: '网格编码不存在或不在管辖范围内', en: 'The grid code does not exist or is outside your scope' },
  // ---------- tickets ----------
  TICKET_TRANSITION_INVALID: { status: 409, zh: '工单当前状态不允许此操作', en: 'The ticket\'s current state does not allow this action' },
  TICKET_VERSION_CONFLICT: { status: 409, zh: '工单已被他人处理，请刷新后重试', en: 'Someone else acted on the ticket; reload and try again' },
  TICKET_FIELD_REQUIRED: { status: 400, zh: '此操作缺少必填内容', en: 'This action needs more information' },
  TICKET_CATEGORY_INVALID: { status: 400, zh: '事件类型不存在或已停用', en: 'The category does not exist or is inactive' },
  TICKET_DEPARTMENT_INVALID: { status: 400, zh: '部门不存在或不在可交办范围内', en: 'The department does not exist or cannot be assigned here' },
  TICKET_ASSISTS_PENDING: { status: 409, zh: '等待协办部门反馈：{departments}', en: 'Waiting for the assisting departments to report back: {departments}' },
  TICKET_SELF_CLOSE: { status: 409, zh: '您上报并处置了此工单，须由他人办结', en: 'You reported and handled this ticket yourself; someone else must close it' },
  TICKET_DISPATCH_GRID_LEVEL: { status: 409, zh: '网格层级的事件由网格员直接处置；需分派部门时请先上报社区', en: 'A grid-level matter is handled in the grid; escalate it to the community to dispatch departments' },
  TICKET_ALREADY_RATED: { status: 409, zh: '已评价过此工单', en: 'This ticket has already been rated' },
  TICKET_REOPEN_EXPIRED: { status: 409, zh: '已超过可重新打开的期限', en: 'The time to reopen this ticket has passed' },
  TICKET_EXTENSION_PENDING: { status: 409, zh: '已有延期申请等待审批', en: 'An extension request is already waiting for approval' },
  TICKET_TRACK_LIMITED: { status: 429, zh: '查询次数过多，请稍后再试', en: 'Too many lookups; try again later' },
  TICKET_LOCATION_REQUIRED: { status: 400, zh: '请提供位置或地址', en: 'Give a location or an address' },
  TICKET_OUTSIDE_AREA: { status: 400, zh: '位置不在本平台管辖的网格内', en: 'The location is not inside any grid served here' },
  TICKET_LOCATION_UNCONFIRMED: { status: 400, zh: '请先确认问题位置（定位、在地图上点选或搜索地址）再提交', en: 'Confirm where the problem is (locate me, tap the map or search an address) before submitting' },
  TICKET_CUSTOM_FIELD_INVALID: { status: 400, zh: '补充信息填写不正确', en: 'An extra question is not answered correctly' },
  // ---------- security: sessions, enrolment of admin accounts, sign-in limits ----------
  AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '请先修改密码，然后才能继续使用', en: 'Change your password before going on' },
  AUTH_ENROLMENT_INVALID: { status: 400, zh: '注册码无效、已使用或已过期，请联系安全管理员重新签发', en: 'The enrolment code is not valid, already used or expired; ask the security admin for a new one' },
  AUTH_SIGN_IN_RATE_LIMITED: { status: 429, zh: '来自此地址的登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins from this address; try again later' },
  USER_ADMIN_PASSWORD_NOT_ALLOWED: { status: 400, zh: '管理员账号的密码由本人通过注册码设置，不能由他人指定', en: 'An admin account sets its own password through its enrolment code; nobody else may choose it' },
  USER_ADMIN_ROLE_PROMOTION: { status: 400, zh: '不能把已有账号改为系统管理员、安全管理员或审计员，请新建账号', en: 'An existing account cannot be made a system admin, security admin or auditor; create a new account' },
  // ---------- forms ----------
  FORM_DEFINITION_INVALID: { status: 400, zh: '表单定义有误，请按提示修改', en: 'The form definition has problems; see each one' },
  FORM_ANSWERS_INVALID: { status: 400, zh: '表单填写有误，请按提示修改', en: 'Some answers are not valid; see each field' },
  FORM_VERSION_IMMUTABLE: { status: 409, zh: '已发布或已停用的表单版本不能修改，请新建版本', en: 'A published or retired form version cannot change; start a new version' },
  FORM_VERSION_INVALID: { status: 400, zh: '版本号不正确：新版本应为当前最大版本号加一', en: 'Wrong version number: a new version is the highest one plus one' },
  FORM_DRAFT_EXISTS: { status: 409, zh: '该表单已有未发布的草稿，请先发布或删除', en: 'The form already has an unpublished draft; publish or delete it first' },
  FORM_VERSION_CONFLICT: { status: 409, zh: '草稿已被他人修改，请刷新后重试', en: 'Someone else changed the draft; reload and try again' },
  FORM_STATE: { status: 409, zh: '表单版本当前状态不允许此操作', en: 'The form version\'s state does not allow this' },
  FORM_RETIRED: { status: 409, zh: '该表单版本已停用，请使用最新版本', en: 'This form version is retired; use the current one' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  // ---------- operations ----------
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂时不可用，请稍后重试', en: 'The database is unavailable for a moment; try again shortly' },
  OVERLOADED: { status: 503, zh: '系统繁忙，请稍后重试', en: 'The server is busy; try again in a moment' },
} as const satisfies Record<string, ErrorSpec>;

export const ERRORS = { ...SHARED_ERRORS, ...gather(DOMAINS, 'errors') } as typeof SHARED_ERRORS & Gathered<typeof DOMAINS, 'errors'> & Record<string, ErrorSpec>;

export type ErrorCode = (keyof typeof SHARED_ERRORS | keyof Gathered<typeof DOMAINS, 'errors'>) & string;

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
  const entry: ErrorSpec = ERRORS[code];
  return locale === 'en' ? entry.en : entry.zh;
}

/** An error's message with its `{name}` placeholders filled from `params` (the error's details). */
export function errorMessageWith(code: ErrorCode, locale: Locale, params: unknown): string {
  const template = errorMessage(code, locale);
  if (!template.includes('{') || params === null || typeof params !== 'object' || Array.isArray(params)) return template;
  return fillTemplate(template, params as MessageParams);
}
