import { defineErrors } from '../error-kit.js';

export const SENSING_ERRORS = defineErrors({
  DEVICE_COMMAND_UNSUPPORTED: { status: 400, zh: '该类设备不支持此指令', en: 'This kind of device does not take this command' },
  DEVICE_COMMAND_OFFLINE: { status: 409, zh: '设备未接入 MQTT 或已停用，无法下发指令', en: 'The device is not an MQTT device or is disabled: no command can reach it' },
});
