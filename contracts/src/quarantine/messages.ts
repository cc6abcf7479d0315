import { defineMessages } from '../message-kit.js';

/** A notice names no person: the supervisor opens the order (with a purpose, audited) to see who. */
export const QUARANTINE_MESSAGES = defineMessages({
  'quarantine.fever': { zh: '隔离人员 {orderNo} 随访体温 {temperature}℃，已达发热标准，请立即处置', en: 'Quarantined person {orderNo} has a temperature of {temperature} °C: act now' },
});
