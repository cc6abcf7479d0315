import { defineErrors } from '../error-kit.js';

export const BROADCAST_ERRORS = defineErrors({
  BROADCAST_STATE: { status: 409, zh: '广播当前状态不允许此操作', en: 'The broadcast is not in a state that allows this' },
  BROADCAST_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload it' },
  BROADCAST_REGION: { status: 400, zh: '所属区域须在本辖区内', en: 'The region must lie in your scope' },
  BROADCAST_GRID: { status: 400, zh: '所选网格须在广播区域内', en: 'The grids must lie in the broadcast\'s region' },
  BROADCAST_TEMPLATE_UNKNOWN: { status: 400, zh: '未找到该广播模板', en: 'No such broadcast template' },
  BROADCAST_PARAM_MISSING: { status: 400, zh: '模板参数 {name} 未填写', en: 'The template parameter {name} is missing' },
  BROADCAST_AUDIENCE_EMPTY: { status: 400, zh: '请选择接收对象（居民、企业）或广播喇叭', en: 'Choose the recipients (residents, enterprises) or the loudspeaker channel' },
  BROADCAST_TEMPLATE_DUPLICATE: { status: 409, zh: '该区域已有同一编码的模板', en: 'This region already has a template with that key' },
  BROADCAST_TEMPLATE_SHIPPED: { status: 400, zh: '内置模板不能修改，可在本辖区另建同编码模板', en: 'A shipped template cannot be changed; add one with the same key in your region' },
  BROADCAST_DEVICE_DUPLICATE: { status: 409, zh: '该设备编号已登记', en: 'A loudspeaker with this device id exists' },
});
