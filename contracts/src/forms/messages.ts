/** Words for the engine's codes, in Simplified Chinese and English. */
import type { Locale } from '../errors.js';
import type { LocalText } from './definition.js';
import type { DefinitionProblem, DefinitionProblemCode } from './check-definition.js';
import type { FormErrorCode, FormErrorParams } from './field-values.js';
import type { FormError } from './validate-answers.js';

/** A definition's text in the reader's language. */
export function localized(text: LocalText | undefined, locale: Locale): string {
  if (!text) return '';
  return locale === 'en' ? text.en : text.zh;
}

type Template = { zh: string; en: string };

const FORM_MESSAGES: Record<FormErrorCode, Template> = {
  FORM_REQUIRED: { zh: '此项必填', en: 'This is required' },
  FORM_TYPE: { zh: '填写的内容格式不正确', en: 'The answer is not in the expected form' },
  FORM_MIN: { zh: '不能小于 {min}{unit}', en: 'Must be at least {min}{unit}' },
  FORM_MAX: { zh: '不能大于 {max}{unit}', en: 'Must be at most {max}{unit}' },
  FORM_INTEGER: { zh: '请填写整数', en: 'Enter a whole number' },
  FORM_MIN_LENGTH: { zh: '至少填写 {min} 个字', en: 'Enter at least {min} characters' },
  FORM_MAX_LENGTH: { zh: '最多填写 {max} 个字', en: 'Enter at most {max} characters' },
  FORM_PATTERN: { zh: '格式不正确', en: 'The format is not right' },
  FORM_CHOICE: { zh: '请从给出的选项中选择', en: 'Choose one of the options' },
  FORM_TOO_FEW: { zh: '至少需要 {min} 项', en: 'At least {min} needed' },
  FORM_TOO_MANY: { zh: '最多 {max} 项', en: 'At most {max} allowed' },
  FORM_UNKNOWN_FIELD: { zh: '表单中没有这一项', en: 'The form has no such field' },
  FORM_ID_NUMBER: { zh: '身份证号码不正确', en: 'The ID number is not valid' },
  FORM_PHONE: { zh: '电话号码不正确', en: 'The phone number is not valid' },
  FORM_LOCATION: { zh: '位置坐标超出范围', en: 'The coordinates are out of range' },
  FORM_MUST_BE_TRUE: { zh: '请确认此项', en: 'Please confirm this' },
};

const DATE_MESSAGES: Partial<Record<FormErrorCode, Template>> = {
  FORM_MIN: { zh: '不能早于 {min}', en: 'Must be on or after {min}' },
  FORM_MAX: { zh: '不能晚于 {max}', en: 'Must be on or before {max}' },
};

const ID_REASONS: Record<string, Template> = {
  format: { zh: '身份证号码应为 18 位（最后一位可为 X）', en: 'An ID number has 18 characters (the last may be X)' },
  birth_date: { zh: '身份证号码中的出生日期不正确', en: 'The birth date in the ID number is not valid' },
  check_digit: { zh: '身份证号码校验位不正确，请核对', en: 'The check digit of the ID number is wrong; check the number' },
};

const TYPE_EXPECTED: Record<string, Template> = {
  number: { zh: '请填写数字', en: 'Enter a number' },
  date: { zh: '请填写日期（年-月-日）', en: 'Enter a date (YYYY-MM-DD)' },
  'image/png': { zh: '签名应为 PNG 图片', en: 'A signature must be a PNG image' },
  image: { zh: '只能上传图片', en: 'Only images can be uploaded' },
  location: { zh: '请选择位置（地图选点或使用当前位置）', en: 'Choose a point (on the map or your current location)' },
};

function fill(template: string, params: FormErrorParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (value === undefined) return '';
    if (typeof value === 'object' && value !== null) return ` ${localized(value as LocalText, locale)}`;
    return String(value);
  });
}

/** The message of one field's problem, e.g. "不能大于 42 °C". */
export function formErrorMessage(error: Pick<FormError, 'code' | 'params'>, locale: Locale): string {
  const params = error.params ?? {};
  const lang = locale === 'en' ? 'en' : 'zh';
  if (error.code === 'FORM_PATTERN' && params.message) return localized(params.message, locale);
  if (error.code === 'FORM_ID_NUMBER' && params.reason && ID_REASONS[params.reason]) return ID_REASONS[params.reason]![lang];
  if (error.code === 'FORM_TYPE' && params.expected && TYPE_EXPECTED[params.expected]) return TYPE_EXPECTED[params.expected]![lang];
  const dated = typeof params.min === 'string' || typeof params.max === 'string' ? DATE_MESSAGES[error.code] : undefined;
  return fill((dated ?? FORM_MESSAGES[error.code])[lang], params, locale);
}

const PROBLEM_MESSAGES: Record<DefinitionProblemCode, Template> = {
  DEF_SCHEMA: { zh: '不符合表单定义的格式：{detail}', en: 'Not in the form definition format: {detail}' },
  DEF_DUPLICATE_KEY: { zh: '字段标识“{key}”重复', en: 'The field key "{key}" is used twice' },
  DEF_DUPLICATE_OPTION: { zh: '选项值“{key}”重复', en: 'The option value "{key}" is used twice' },
  DEF_DUPLICATE_ALERT: { zh: '预警规则标识“{key}”重复', en: 'The alert key "{key}" is used twice' },
  DEF_UNKNOWN_REF: { zh: '条件引用了不存在或不能作答的字段“{key}”', en: 'The condition names "{key}", which is not a field with an answer here' },
  DEF_NOT_REPEAT: { zh: '“{key}”不是重复组', en: '"{key}" is not a repeat group' },
  DEF_OP: { zh: '比较方式 {op} 不适用于 {type} 类型的字段', en: 'The comparison {op} does not fit a {type} field' },
  DEF_VALUE: { zh: '条件或设置的值不合适（应为：{detail}）', en: 'The value does not fit (expected: {detail})' },
  DEF_RANGE: { zh: '最小值大于最大值（{detail}）', en: 'The minimum is above the maximum ({detail})' },
  DEF_PATTERN: { zh: '正则表达式无法解析', en: 'The regular expression does not compile' },
  DEF_DEFAULT: { zh: '默认值不符合该字段的要求（{detail}）', en: 'The default does not pass the field\'s own checks ({detail})' },
  DEF_CYCLE: { zh: '显示条件形成循环：{key}', en: 'The show conditions form a cycle: {key}' },
  DEF_DEPTH: { zh: '重复组嵌套过深（{detail}）', en: 'Repeat groups nest too deep ({detail})' },
  DEF_TOO_MANY_FIELDS: { zh: '字段过多（{detail}）', en: 'Too many fields ({detail})' },
};

export function definitionProblemMessage(problem: DefinitionProblem, locale: Locale): string {
  const template = PROBLEM_MESSAGES[problem.code][locale === 'en' ? 'en' : 'zh'];
  const params = problem.params ?? {};
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String((params as Record<string, unknown>)[name] ?? ''));
}
