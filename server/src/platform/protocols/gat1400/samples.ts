/**
 * Well-formed GA/T 1400 objects as a device would send them, with real IDs and times: the device
 * simulator's payloads and the tests' starting points. A few bytes of JPEG stand in for the image.
 */
import { makeContentId, makeSourceId } from './ids.js';
import { formatViidTime } from './time.js';

/** The start of a JPEG, base64: enough to be image data, too little to be a picture of anyone. */
export const TINY_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

/** A face capture by `deviceId` at `at`, number `n` of that second. */
export function sampleFace(deviceId: string, at: Date, n = 1): Record<string, unknown> {
  const source = makeSourceId(deviceId, at, n);
  const time = formatViidTime(at);
  return {
    FaceID: makeContentId(source, '06', 1),
    InfoKind: 1,
    SourceID: source,
    DeviceID: deviceId,
    LeftTopX: '120',
    LeftTopY: '80',
    RightBtmX: 220,
    RightBtmY: 200,
    ShotTime: time,
    FaceAppearTime: time,
    GenderCode: '1',
    SubImageList: {
      SubImageInfoObject: [{ ImageID: source, EventSort: 10, DeviceID: deviceId, Type: '11', FileFormat: 'Jpeg', Width: '1', Height: '1', ShotTime: time, Data: TINY_JPEG_BASE64 }],
    },
  };
}

/** A vehicle passing `deviceId` at `at`. */
export function sampleMotorVehicle(deviceId: string, at: Date, n = 1, plateNo = '湘J12345'): Record<string, unknown> {
  const source = makeSourceId(deviceId, at, n);
  return {
    MotorVehicleID: makeContentId(source, '02', 1),
    InfoKind: '1',
    SourceID: source,
    DeviceID: deviceId,
    TollgateID: deviceId,
    PassTime: formatViidTime(at),
    LaneNo: '2',
    HasPlate: true,
    PlateNo: plateNo,
    PlateClass: '02',
    PlateColor: 5,
    VehicleColor: '99',
    Speed: '42.5',
    SubImageList: { SubImageInfoObject: { ImageID: source, Type: '01', FileFormat: 'Jpeg', Data: TINY_JPEG_BASE64 } },
  };
}
