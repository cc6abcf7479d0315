import { defineErrors } from '../error-kit.js';

export const CALLOUT_ERRORS = defineErrors({
  CALLOUT_STATE: { status: 409, zh: '外呼任务当前状态不允许此操作', en: 'The call campaign is not in a state that allows this' },
  CALLOUT_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload it' },
  CALLOUT_REGION: { status: 400, zh: '所属区域须在本辖区内', en: 'The region must lie in your scope' },
  CALLOUT_SCRIPT_INVALID: { status: 400, zh: '外呼话术有误：{reason}', en: 'The call script is invalid: {reason}' },
  CALLOUT_WINDOW_INVALID: { status: 400, zh: '呼叫时段有误：结束须晚于开始，且各时段不重叠', en: 'Call windows end after they start and do not overlap' },
  CALLOUT_TARGET_INVALID: { status: 400, zh: '呼叫对象有误：{reason}', en: 'The call targets are invalid: {reason}' },
  CALLOUT_NO_TARGETS: { status: 409, zh: '没有可呼叫的对象（无登记电话的居民不在其内）', en: 'No one to call (residents without a phone are left out)' },
  CALLOUT_TTS_UNAVAILABLE: { status: 503, zh: '语音合成引擎不可用（未安装 espeak-ng）', en: 'The speech engine is unavailable (espeak-ng is not installed)' },
  CALLOUT_TTS_FAILED: { status: 502, zh: '语音合成失败', en: 'Speech synthesis failed' },
  CALLOUT_WEBHOOK_AUTH: { status: 401, zh: '回调签名无效', en: 'The callback is not authenticated' },
  CALLOUT_CALL_UNKNOWN: { status: 404, zh: '未找到该通话', en: 'No such call' },
  CALLOUT_PROMPT_UNKNOWN: { status: 404, zh: '未找到该语音提示', en: 'No such prompt' },
  CALLOUT_PURPOSE_REQUIRED: { status: 400, zh: '导出外呼结果须说明用途', en: 'State the purpose of the export' },
  CALLOUT_TASK_STATE: { status: 409, zh: '该回访任务已完成', en: 'The follow-up is already done' },
});
