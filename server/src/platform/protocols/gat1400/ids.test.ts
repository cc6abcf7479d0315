import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentIdProblem, deviceTypeCode, DEVICE_TYPES, isContentId, isDeviceId, makeContentId, makeSourceId, parseContentId, parseDeviceId, parseSourceId, sourceIdProblem } from './ids.js';
import { formatViidTime, isViidTime, parseViidTime, ViidTimeError, viidTimeProblem } from './time.js';

describe('GA/T 1400 identifiers', () => {
  it('splits a device ID the GB/T 28181 way and names its type', () => {
    assert.deepEqual(parseDeviceId('43070200001320000001'), { civilCode: '43070200', industry: '00', typeCode: '132', network: '0', serial: '000001' });
    assert.equal(deviceTypeCode('43070200001320000001'), '132');
    assert.equal(DEVICE_TYPES['132'], '网络摄像机');
    for (const bad of ['4307020000132000000', '430702000013200000012', '4307020000132000000A', ' 43070200001320000001', 4.307e19, null]) assert.equal(isDeviceId(bad), false, String(bad));
  });

  it('reads and mints source and content IDs', () => {
    const at = parseViidTime('20261205103000');
    const source = makeSourceId('43070200001320000001', at, 7);
    assert.equal(source, '430702000013200000010220261205103000' + '00007');
    assert.equal(source.length, 41);
    assert.deepEqual(parseSourceId(source), { deviceId: '43070200001320000001', infoType: '02', time: '20261205103000', sequence: '00007' });
    const face = makeContentId(source, '06', 1);
    assert.equal(face.length, 48);
    assert.deepEqual(parseContentId(face), { sourceId: source, objectType: '06', sequence: '00001' });
    assert.equal(isContentId(face), true);
  });

  it('says why an ID is refused', () => {
    assert.match(sourceIdProblem('123')!, /41 digits/);
    assert.match(sourceIdProblem('43070200001320000001' + '02' + '20261305103000' + '00001')!, /month 13/);
    assert.match(contentIdProblem('43070200001320000001' + '02' + '20260230103000' + '00001' + '06' + '00001')!, /day 30 does not exist/);
    assert.equal(parseSourceId('x'), null);
    assert.throws(() => makeSourceId('1', new Date(), 1), /20-digit/);
    assert.throws(() => makeContentId(makeSourceId('43070200001320000001', new Date(), 1), '06', 100_000), /0-99999/);
  });
});

describe('GA/T 1400 times (yyyyMMddHHmmss, China time)', () => {
  it('parses and formats in UTC+8, whatever the process zone', () => {
    assert.equal(parseViidTime('20261205103000').toISOString(), '2026-12-05T02:30:00.000Z');
    assert.equal(parseViidTime('20270101000000').toISOString(), '2026-12-31T16:00:00.000Z');
    assert.equal(formatViidTime(new Date('2026-12-31T16:00:00.999Z')), '20270101000000');
    assert.equal(formatViidTime(parseViidTime('20240229235959')), '20240229235959');
  });

  it('refuses what is not a real time, saying why', () => {
    assert.equal(isViidTime('20261205103000'), true);
    assert.match(viidTimeProblem('2026-12-05 10:30:00')!, /14 digits/);
    assert.match(viidTimeProblem(20261205103000)!, /expected a string, got number/);
    assert.match(viidTimeProblem('20230229000000')!, /day 29 does not exist in 2023-02/);
    assert.match(viidTimeProblem('20261205246000')!, /hour 24/);
    assert.match(viidTimeProblem('20261205106000')!, /minute 60/);
    assert.match(viidTimeProblem('20261205103060')!, /second 60/);
    assert.throws(() => parseViidTime('2026'), (e: unknown) => e instanceof ViidTimeError && /"2026" is not a GA\/T 1400 time/.test(e.message));
    assert.throws(() => formatViidTime(new Date('nope')), ViidTimeError);
  });
});
