import { defineErrors } from '../error-kit.js';

export const ENTERPRISE_ERRORS = defineErrors({
  ENTERPRISE_APPLICATION_STATE: { status: 409, zh: '复工申请当前状态不允许此操作', en: 'The application\'s state does not allow this' },
  ENTERPRISE_APPLICATION_VERSION_CONFLICT: { status: 409, zh: '复工申请已被他人修改，请刷新后重试', en: 'Someone else changed the application; reload and try again' },
  ENTERPRISE_APPLICATION_OPEN: { status: 409, zh: '该企业已有未办结的复工申请', en: 'The enterprise already has an open resumption application' },
  ENTERPRISE_NOT_FOUND: { status: 400, zh: '企业不存在或不在您的管辖范围内', en: 'No such enterprise in your scope' },
  ENTERPRISE_STAFF_INVALID: { status: 400, zh: '员工不属于该企业', en: 'The person is not an employee of this enterprise' },
  ENTERPRISE_NOT_RESUMED: { status: 409, zh: '该企业未获批复工，无需健康登记', en: 'The enterprise is not approved to resume; no health registration is taken' },
  ENTERPRISE_HEALTH_DAY_INVALID: { status: 400, zh: '只能登记今天或过去7天内的健康情况', en: 'Health can be registered for today or the last 7 days only' },
  ENTERPRISE_FILER_UNKNOWN_ACCOUNT: { status: 400, zh: '没有此用户名的账号', en: 'No account has this username' },
  ENTERPRISE_FILER_NOT_RESIDENT: { status: 400, zh: '只能指定居民门户账号为企业填报人', en: 'Only a resident portal account can be an enterprise\'s filer' },
  ENTERPRISE_FILER_ALREADY_LINKED: { status: 400, zh: '该账号已是本企业的填报人', en: 'This account is already the enterprise\'s filer' },
  ENTERPRISE_SCREENING_VERSION_CONFLICT: { status: 409, zh: '排查结果已被他人修改，请刷新后重试', en: 'Someone else changed the screening; reload and try again' },
});
