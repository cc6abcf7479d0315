/**
 * The 20-digit national device ID of GB/T 28181 §1.5 (and GA/T 1400): 8-digit centre code (the
 * civil code of the place), 2-digit industry, 3-digit type, 1-digit network, 6-digit serial. The
 * type code says what a catalog item is, so a camera an NVR reports lands in the right kind.
 */
import type { DeviceKind } from './index.js';

export interface DeviceIdParts {
  centre: string;
  industry: string;
  type: string;
  network: string;
  serial: string;
}

/** Splits a 20-digit ID; null when it is not 20 digits. */
export function parseDeviceId(code: string): DeviceIdParts | null {
  if (!/^\d{20}$/.test(code)) return null;
  return { centre: code.slice(0, 8), industry: code.slice(8, 10), type: code.slice(10, 13), network: code.slice(13, 14), serial: code.slice(14) };
}

/** The 3-digit type of a national ID (digits 11-13), or null. */
export const deviceTypeCode = (code: string): string | null => parseDeviceId(code)?.type ?? null;

/**
 * The kind a type code stands for: 111-130 recorders and servers (118 NVR, 111 DVR), 131/132
 * cameras, 142/143 gates and credential readers, 200-210 platform servers. Others (215/216 groups,
 * alarm inputs, displays) have no kind.
 */
export function kindOfType(type: string): DeviceKind | null {
  const n = Number(type);
  if (n === 118 || n === 111 || n === 112 || n === 113) return 'nvr';
  if (n === 131 || n === 132) return 'camera';
  if (n === 142 || n === 143) return 'access_gate';
  if (n >= 200 && n <= 210) return 'video_platform';
  return null;
}

/** Kinds whose code must be a national 20-digit ID (video devices). */
export const NATIONAL_ID_KINDS: readonly DeviceKind[] = ['camera', 'nvr', 'video_platform', 'thermal_camera', 'vehicle_checkpoint'];

/** Why a code does not fit its kind, or null: a video device needs 20 digits with a type of its kind family. */
export function checkDeviceCode(kind: DeviceKind, code: string): 'DEVICE_CODE_INVALID' | 'DEVICE_CODE_TYPE' | null {
  if (!NATIONAL_ID_KINDS.includes(kind)) return /^[A-Za-z0-9._:-]{4,64}$/.test(code) ? null : 'DEVICE_CODE_INVALID';
  const parts = parseDeviceId(code);
  if (!parts || !/^\d{6}$/.test(parts.centre.slice(0, 6)) || parts.centre.startsWith('00')) return 'DEVICE_CODE_INVALID';
  const derived = kindOfType(parts.type);
  const fits = kind === 'nvr' || kind === 'video_platform' ? derived === kind : kind === 'camera' ? derived === 'camera' : derived === 'camera' || derived === null;
  return fits ? null : 'DEVICE_CODE_TYPE';
}
