/** The simulator's command line, the devices it picks, and the SIP ID it assumes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, parseCommandLine } from './options.js';
import { chooseDevices, interleave } from './simulator.js';
import { formatTallies, emptyTallies } from './tally.js';
import type { ListedDevice } from './messages.js';

const dev = (code: string, kind: ListedDevice['kind'], protocol: string, status = 'online'): ListedDevice => ({ id: `id-${code}`, code, name: code, kind, protocol, status, parentId: null, regionCode: '430702010001', vendor: null, model: null, lng: null, lat: null });

describe('simulator options', () => {
  it('defaults to the local demo server and its ports, and its SIP ID', () => {
    const parsed = parseCommandLine([], {});
    assert.ok('options' in parsed);
    assert.deepEqual(parsed.options, DEFAULTS);
    assert.equal(parsed.options.url, 'http://127.0.0.1:3000');
    assert.equal(parsed.options.mqttUrl, 'mqtt://127.0.0.1:1883');
    assert.deepEqual(parsed.options.sip, { host: '127.0.0.1', port: 5060, transport: 'udp', id: '43070200002000000001', localHost: '127.0.0.1' });
    assert.equal(parsed.options.durationS, null, 'forever');
    assert.equal(parsed.options.rate, 5);
  });

  it('follows the server\'s settings in the shell, the flags over them', () => {
    const env = { GRIDGOV_HOST: '0.0.0.0', GRIDGOV_PORT: '8080', GRIDGOV_MQTT_PORT: '11883', GRIDGOV_SIP_PORT: '15060', GRIDGOV_SIP_ID: '43070100002000000009', DATABASE_URL: 'ignored' };
    const parsed = parseCommandLine([], env);
    assert.ok('options' in parsed);
    assert.deepEqual([parsed.options.url, parsed.options.mqttUrl, parsed.options.sip.host, parsed.options.sip.port, parsed.options.sip.id], ['http://127.0.0.1:8080', 'mqtt://127.0.0.1:11883', '127.0.0.1', 15060, '43070100002000000009']);
    const off = parseCommandLine(['--sip-id', '43070200002000000002'], { GRIDGOV_MQTT_PORT: 'off', GRIDGOV_SIP_PORT: '0' });
    assert.ok('options' in off);
    assert.deepEqual([off.options.mqttUrl, off.options.sip.port, off.options.sip.id], ['mqtt://127.0.0.1:1883', 5060, '43070200002000000002']);
    const bad = parseCommandLine([], { GRIDGOV_SIP_ID: '42' });
    assert.ok('error' in bad && /GRIDGOV_SIP_ID must be a 20-digit/.test(bad.error));
  });

  it('reads every flag', () => {
    const parsed = parseCommandLine([
      '--url', 'http://10.0.0.5:8080', '--user', 'city_op', '--password', 'pw', '--mqtt', 'mqtt://10.0.0.5:18830', '--sip', '10.0.0.5:15060', '--sip-id', '43070200002000000001',
      '--sip-transport', 'tcp', '--local-ip', '10.0.0.9', '--kind', 'camera,nvr', '--kind', 'street_light', '--limit', '6', '--rate', '20', '--alarm-every', '5', '--plate', '湘A12345',
      '--duration', '30', '--status-every', '15', '--keepalive-every', '20', '--plain-password',
    ], {});
    assert.ok('options' in parsed);
    const o = parsed.options;
    assert.deepEqual(o.sip, { host: '10.0.0.5', port: 15060, transport: 'tcp', id: '43070200002000000001', localHost: '10.0.0.9' });
    assert.deepEqual(o.kinds, ['camera', 'nvr', 'street_light']);
    assert.deepEqual([o.url, o.user, o.password, o.mqttUrl, o.limit, o.rate, o.alarmEveryS, o.plate, o.durationS, o.statusEveryS, o.keepaliveEveryS, o.plainPassword], ['http://10.0.0.5:8080', 'city_op', 'pw', 'mqtt://10.0.0.5:18830', 6, 20, 5, '湘A12345', 30, 15, 20, true]);
  });

  it('says what is wrong with a bad command line', () => {
    const error = (args: string[]) => {
      const parsed = parseCommandLine(args, {});
      return 'error' in parsed ? parsed.error : null;
    };
    assert.match(error(['--rate', 'fast'])!, /--rate must be a number/);
    assert.match(error(['--limit', '2.5'])!, /--limit must be an integer/);
    assert.match(error(['--kind', 'toaster'])!, /--kind toaster is not a device kind/);
    assert.match(error(['--sip', '5060'])!, /--sip must be HOST:PORT/);
    assert.match(error(['--sip-id', '123'])!, /20-digit/);
    assert.match(error(['--sip-transport', 'sctp'])!, /udp or tcp/);
    assert.match(error(['--url', 'not a url'])!, /--url must be a URL/);
    assert.match(error(['--colour', 'red'])!, /Unknown option '--colour'/);
  });

  it('picks devices of the kinds asked, in turn from each protocol, and says why it skips some', () => {
    const all = [
      dev('SL-0001', 'street_light', 'mqtt'), dev('SL-0002', 'street_light', 'mqtt'), dev('SMK-0001', 'smoke_sensor', 'mqtt', 'disabled'),
      dev('GATE-0001', 'access_gate', 'gat1400'), dev('43070201000132000009', 'vehicle_checkpoint', 'gat1400'),
      dev('43070201000118000001', 'nvr', 'gb28181'), dev('43070201000132000002', 'camera', 'gb28181'), dev('43070201000132000003', 'camera', 'gb28181'),
    ];
    const { driven, skipped, leftOut } = chooseDevices(all, { kinds: null, limit: 4 });
    assert.deepEqual(driven.map((d) => d.code), ['SL-0001', '43070201000132000009', '43070201000118000001', 'SL-0002']);
    assert.equal(leftOut, 2);
    assert.deepEqual(skipped, [{ code: 'GATE-0001', reason: 'GA/T 1400 needs a 20-digit national ID' }, { code: 'SMK-0001', reason: 'disabled' }]);
    assert.deepEqual(chooseDevices(all, { kinds: ['camera'], limit: null }).driven.map((d) => d.code), ['43070201000132000002', '43070201000132000003']);
    const lights = [dev('SL-1', 'street_light', 'mqtt'), dev('SL-2', 'street_light', 'mqtt'), dev('SMK-1', 'smoke_sensor', 'mqtt'), dev('WTR-1', 'water_sensor', 'mqtt')];
    assert.deepEqual(chooseDevices(lights, { kinds: null, limit: 3 }).driven.map((d) => d.code), ['SL-1', 'SMK-1', 'WTR-1'], 'one of each kind before a second of any');
  });

  it('takes alarms one kind after another', () => {
    assert.deepEqual(interleave(['sos1', 'sos2', 'sos3', 'smoke1', 'water1', 'water2'], (x) => x.replace(/\d$/, '')), ['sos1', 'smoke1', 'water1', 'sos2', 'water2', 'sos3']);
  });

  it('prints one line per tally, protocols without devices left out', () => {
    const t = emptyTallies();
    Object.assign(t.mqtt, { devices: 3, online: 3, sent: 10, acked: 9, refused: 1, commands: 2 });
    Object.assign(t.gb28181, { devices: 2, online: 1, sent: 4, acked: 4, catalogs: 1 });
    assert.equal(formatTallies(t), 'mqtt 3/3 online, sent 10, acked 9, refused 1, commands 2 | gb28181 1/2 online, sent 4, acked 4, refused 0, catalogs 1');
  });
});
