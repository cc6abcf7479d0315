import { defineMessages } from '../message-kit.js';

/** A device went silent past its allowance (once per outage). */
export const DEVICES_MESSAGES = defineMessages({
  'device.offline': { zh: '设备「{name}」（{code}）已离线，最后在线 {lastSeen}', en: 'Device "{name}" ({code}) is offline; last seen {lastSeen}' },
});
