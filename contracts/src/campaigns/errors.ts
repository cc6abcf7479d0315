import { defineErrors } from '../error-kit.js';

export const CAMPAIGN_ERRORS = defineErrors({
  SURVEY_CAMPAIGN_STATE: { status: 409, zh: '走访摸排当前状态不允许此操作', en: 'The survey campaign\'s state does not allow this' },
  SURVEY_CAMPAIGN_VERSION_CONFLICT: { status: 409, zh: '走访摸排已被他人修改，请刷新后重试', en: 'Someone else changed the survey campaign; reload and try again' },
  SURVEY_CAMPAIGN_NOT_OPEN: { status: 409, zh: '走访摸排未在进行中，不能提交', en: 'The survey campaign is not open; answers are not taken' },
  SURVEY_TASK_DONE: { status: 409, zh: '该走访任务已完成', en: 'This survey task is already done' },
  SURVEY_ANSWER_CONFLICT: { status: 409, zh: '该提交编号已用于其他走访任务', en: 'This submission id was already used for another task' },
  SURVEY_ASSIGNEE_INVALID: { status: 400, zh: '改派对象不是该网格的网格员', en: 'The new assignee is not a worker of the task\'s grid' },
  SURVEY_PURPOSE_REQUIRED: { status: 400, zh: '查看走访结果须说明用途', en: 'State the purpose of reading survey answers' },
  SURVEY_TARGET_EMPTY: { status: 400, zh: '名单中没有可匹配的住户', en: 'No household of the list matches' },
  /** An uploaded household list: not a workbook or a CSV file, or one that cannot be read. */
  SURVEY_LIST_FILE_TYPE: { status: 400, zh: '名单文件须为 .xlsx 或 .csv 文件，且能正常打开', en: 'The list must be an .xlsx or .csv file that opens normally' },
  SURVEY_LIST_FILE_TOO_LARGE: { status: 413, zh: '名单文件过大（至多 {maxRows} 户）', en: 'The list file is too large (at most {maxRows} households)' },
  SURVEY_LIST_FILE_EMPTY: { status: 400, zh: '名单文件中没有户号', en: 'The list file holds no household number' },
  /** One row at fault: `row` is the sheet's row number (1 = the first line of the file). */
  SURVEY_LIST_ROW_INVALID: {
    status: 400,
    zh: '名单第 {row} 行有误：{reasonZh}。名单只应有一列户号（每户号至多 40 个字符，首行可为标题）',
    en: 'Row {row} of the list is wrong: {reasonEn}. The list holds one column of household numbers (at most 40 characters each; the first row may be a header)',
  },
});
