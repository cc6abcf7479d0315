import { defineErrors } from '../error-kit.js';

export const DEVICES_ERRORS = defineErrors({
  DEVICE_CODE_INVALID: { status: 400, zh: '设备编码格式不正确（视频设备须为20位国标编码）', en: 'The device code is malformed (video devices need the 20-digit national ID)' },
  DEVICE_CODE_TYPE: { status: 400, zh: '国标编码的类型码与设备类型不符', en: 'The type code of the national ID does not fit the device kind' },
  DEVICE_CODE_TAKEN: { status: 409, zh: '该设备编码已登记', en: 'A device with this code is registered' },
  DEVICE_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload it' },
  DEVICE_REGION: { status: 400, zh: '设备所属区划须在本辖区内', en: 'The device\'s region must lie in your scope' },
  DEVICE_GRID: { status: 400, zh: '所选网格须在设备所属区域内', en: 'The grid must lie in the device\'s region' },
  DEVICE_PARENT: { status: 400, zh: '上级设备须为本辖区的录像机或平台', en: 'The parent must be an NVR or platform in your scope' },
  DEVICE_DEPARTMENT: { status: 400, zh: '未找到该责任部门', en: 'No such owner department' },
  DEVICE_COMPOUND: { status: 400, zh: '所选小区（楼栋或场所）不存在或不在设备所属区划内；类型和小区须同时填写', en: 'The compound (building or venue) does not exist or lies outside the device\'s region; give both its type and the compound' },
  DEVICE_DISABLED: { status: 409, zh: '设备已停用', en: 'The device is disabled' },
});
