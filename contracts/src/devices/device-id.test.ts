import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeviceCode, deviceTypeCode, kindOfType, parseDeviceId } from './device-id.js';

test('a national device ID splits 8 + 2 + 3 + 1 + 6 (GB/T 28181, not the simulator\'s 8+2+2+2+6)', () => {
  assert.deepEqual(parseDeviceId('34020000001320000001'), { centre: '34020000', industry: '00', type: '132', network: '0', serial: '000001' });
  assert.equal(parseDeviceId('3402000000132000001'), null, '19 digits');
  assert.equal(parseDeviceId('3402000000132000000A'), null);
  assert.equal(deviceTypeCode('34020000001180000001'), '118');
});

test('the kind follows the type code; groups and alarm inputs have none', () => {
  assert.equal(kindOfType('118'), 'nvr');
  assert.equal(kindOfType('111'), 'nvr');
  assert.equal(kindOfType('131'), 'camera');
  assert.equal(kindOfType('132'), 'camera');
  assert.equal(kindOfType('142'), 'access_gate');
  assert.equal(kindOfType('200'), 'video_platform');
  assert.equal(kindOfType('215'), null);
  assert.equal(kindOfType('216'), null);
  assert.equal(kindOfType('134'), null);
});

test('codes are checked against their kind', () => {
  assert.equal(checkDeviceCode('camera', '34020000001320000001'), null);
  assert.equal(checkDeviceCode('camera', '34020000001180000001'), 'DEVICE_CODE_TYPE');
  assert.equal(checkDeviceCode('nvr', '34020000001180000001'), null);
  assert.equal(checkDeviceCode('video_platform', '34020000002000000001'), null);
  assert.equal(checkDeviceCode('camera', '3402000000132000001'), 'DEVICE_CODE_INVALID');
  assert.equal(checkDeviceCode('camera', '00020000001320000001'), 'DEVICE_CODE_INVALID', 'no province 00');
  assert.equal(checkDeviceCode('thermal_camera', '34020000001320000001'), null, 'a thermal camera is a camera type');
  assert.equal(checkDeviceCode('smoke_sensor', 'SMOKE-0001'), null, 'other devices: a vendor id');
  assert.equal(checkDeviceCode('smoke_sensor', 'bad id with spaces'), 'DEVICE_CODE_INVALID');
});
