import { defineMessages } from '../message-kit.js';

export const SENSING_MESSAGES = defineMessages({
  /** An SOS alarm: the nearest on-duty grid worker is told at once. */
  'device_alarm.sos': { zh: '紧急求助：「{name}」一键报警，已生成工单 {number}，请立即前往处置', en: 'SOS: "{name}" raised an alarm; ticket {number} filed, please go at once' },
});
