import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseViidTime } from './time.js';
import { sampleFace, sampleMotorVehicle } from './samples.js';
import { claimedId, describeIssues, faceObject, listItems, motorVehicleObject, registerEnvelope, responseStatusListEnvelope, subscribeObject } from './schemas.js';

const DEVICE = '43070200001320000001';
const AT = parseViidTime('20261205103000');

describe('GA/T 1400 object schemas', () => {
  it('reads a face, coercing the numbers vendors send as strings and keeping unknown fields', () => {
    const face = faceObject.parse({ ...sampleFace(DEVICE, AT), VendorScore: '0.93', Similaritydegree: '87.5', IDNumber: '', Name: null });
    assert.equal(face.LeftTopX, 120);
    assert.equal(face.RightBtmX, 220);
    assert.equal(face.Similaritydegree, 87.5);
    assert.equal(face.IDNumber, undefined, 'an empty string is absent');
    assert.equal((face as Record<string, unknown>).VendorScore, '0.93', 'unknown fields pass through');
    assert.equal(face.SubImageList?.SubImageInfoObject[0]?.Width, 1);
  });

  it('reads a vehicle: plate codes keep their leading zero, a single sub-image becomes a list, booleans become 0/1', () => {
    const v = motorVehicleObject.parse(sampleMotorVehicle(DEVICE, AT));
    assert.equal(v.PlateClass, '02');
    assert.equal(v.PlateColor, '5');
    assert.equal(v.HasPlate, 1);
    assert.equal(v.Speed, 42.5);
    assert.equal(v.LaneNo, 2);
    assert.equal(v.SubImageList?.SubImageInfoObject.length, 1);
  });

  it('is strict on IDs and times', () => {
    const good = sampleFace(DEVICE, AT);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ FaceID: '123' }, /FaceID: expected 48 digits/],
      [{ FaceID: 4.3e47 }, /FaceID: expected a 48-digit content ID/],
      [{ SourceID: undefined }, /SourceID/],
      [{ DeviceID: '4307020000132000000' }, /DeviceID: expected a 20-digit device ID/],
      [{ ShotTime: '2026-12-05 10:30:00' }, /ShotTime: expected exactly 14 digits/],
      [{ ShotTime: 20261205103000 }, /ShotTime: expected a time/],
      [{ FaceAppearTime: '20261332103000' }, /FaceAppearTime: month 13/],
      [{ LeftTopX: 'ten' }, /LeftTopX: expected an integer/],
      [{ SubImageList: { SubImageInfoObject: [{ Data: 'not base64!' }] } }, /SubImageList.SubImageInfoObject.0.Data: expected base64/],
    ];
    for (const [change, message] of cases) {
      const r = faceObject.safeParse({ ...good, ...change });
      assert.equal(r.success, false, JSON.stringify(change));
      assert.match(describeIssues(r.error!), message);
    }
  });

  it('checks subscription detail codes', () => {
    const base = { SubscribeID: '430702000050300000010320261205103000000001', Title: '人脸订阅', SubscribeDetail: '12,13', BeginTime: '20261205000000', EndTime: '20261206000000' };
    assert.equal(subscribeObject.parse(base).SubscribeDetail, '12,13');
    assert.equal(subscribeObject.safeParse({ ...base, SubscribeDetail: '12,99' }).success, false);
  });

  it('finds the items of a batch under the usual and the short envelope names', () => {
    const face = sampleFace(DEVICE, AT);
    assert.equal(listItems('faces', { FaceListObject: { FaceObject: [face, face] } })?.length, 2);
    assert.equal(listItems('persons', { PersonList: { PersonObject: [face] } })?.length, 1);
    assert.equal(listItems('faces', { FaceListObject: { FaceObject: face } })?.length, 1, 'a bare object counts as a list of one');
    assert.equal(listItems('faces', { MotorVehicleListObject: { MotorVehicleObject: [] } }), null);
    assert.equal(listItems('faces', [face]), null);
    assert.equal(claimedId('faces', face), face.FaceID);
    assert.equal(claimedId('faces', 'junk'), '');
  });

  it('reads device envelopes and both names of the status list', () => {
    assert.equal(registerEnvelope.safeParse({ RegisterObject: { DeviceID: DEVICE, DeviceName: 'gate 1' } }).success, true);
    assert.equal(registerEnvelope.safeParse({ RegisterObject: { DeviceID: 4.307e19 } }).success, false);
    const status = { RequestURL: '/VIID/Faces', StatusCode: '0', StatusString: 'OK', Id: 'x', LocalTime: '20261205103000' };
    assert.equal(responseStatusListEnvelope.parse({ ResponseStatusListObject: { ResponseStatusObject: [status] } }).ResponseStatusListObject.ResponseStatusObject[0]!.StatusCode, 0);
    assert.equal(responseStatusListEnvelope.parse({ ResponseStatusList: { ResponseStatusObject: status } }).ResponseStatusListObject.ResponseStatusObject.length, 1);
  });
});
