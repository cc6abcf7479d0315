import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { ALARM_STATUSES, ALARM_TYPES, COMMAND_ACTIONS, COMMAND_STATUSES } from './index.js';

const alarmType: Labels<typeof ALARM_TYPES> = {
  fever: { zh: '体温异常', en: 'Fever' },
  sos: { zh: '一键求助', en: 'SOS' },
  smoke: { zh: '烟感报警', en: 'Smoke' },
  water: { zh: '水浸报警', en: 'Water' },
  watchlist: { zh: '布控比中', en: 'Watch-list match' },
};
const alarmStatus: Labels<typeof ALARM_STATUSES> = {
  new: { zh: '待处理', en: 'New' },
  filed: { zh: '已转办', en: 'Filed' },
};
const commandAction: Labels<typeof COMMAND_ACTIONS> = {
  speak: { zh: '喇叭播报', en: 'Loudspeaker' },
  display: { zh: '屏显文字', en: 'Display text' },
  gate_open: { zh: '开闸', en: 'Open gate' },
  gate_close: { zh: '关闸', en: 'Close gate' },
};
const commandStatus: Labels<typeof COMMAND_STATUSES> = {
  queued: { zh: '待发送', en: 'Queued' },
  sent: { zh: '已发送', en: 'Sent' },
  confirmed: { zh: '设备已确认', en: 'Confirmed' },
  failed: { zh: '失败', en: 'Failed' },
  expired: { zh: '已过期', en: 'Expired' },
};

/** The types of message a device sends (an unknown one shows as it is). */
const deviceMessageType = {
  status: { zh: '状态上报', en: 'Status' },
  passage: { zh: '通行', en: 'Passage' },
  command_ack: { zh: '指令回执', en: 'Command confirmation' },
  face: { zh: '人脸抓拍', en: 'Face capture' },
  vehicle: { zh: '车辆抓拍', en: 'Vehicle capture' },
  person: { zh: '人员抓拍', en: 'Person capture' },
  fever: alarmType.fever,
  sos: alarmType.sos,
  smoke: alarmType.smoke,
  water: alarmType.water,
};

export const SENSING_ENUM_LABELS = defineEnumLabels({ alarmType, alarmStatus, commandAction, commandStatus, deviceMessageType });
