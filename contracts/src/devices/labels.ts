import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { DEVICE_KINDS, DEVICE_PROTOCOLS, DEVICE_STATUSES } from './index.js';

const deviceKind: Labels<typeof DEVICE_KINDS> = {
  camera: { zh: '摄像机', en: 'Camera' },
  access_gate: { zh: '人脸门禁', en: 'Access gate' },
  thermal_camera: { zh: '测温摄像机', en: 'Thermal camera' },
  street_light: { zh: '智慧路灯', en: 'Smart street light' },
  vehicle_checkpoint: { zh: '车辆卡口', en: 'Vehicle checkpoint' },
  smoke_sensor: { zh: '烟感', en: 'Smoke sensor' },
  water_sensor: { zh: '水位/水浸传感器', en: 'Water sensor' },
  nvr: { zh: '录像机', en: 'NVR' },
  video_platform: { zh: '视频平台', en: 'Video platform' },
};
const deviceProtocol: Labels<typeof DEVICE_PROTOCOLS> = {
  mqtt: { zh: 'MQTT', en: 'MQTT' },
  gat1400: { zh: 'GA/T 1400', en: 'GA/T 1400' },
  gb28181: { zh: 'GB/T 28181', en: 'GB/T 28181' },
};
const deviceStatus: Labels<typeof DEVICE_STATUSES> = {
  unknown: { zh: '未上线', en: 'Unknown' },
  online: { zh: '在线', en: 'Online' },
  offline: { zh: '离线', en: 'Offline' },
  disabled: { zh: '已停用', en: 'Disabled' },
};

export const DEVICES_ENUM_LABELS = defineEnumLabels({ deviceKind, deviceProtocol, deviceStatus });
