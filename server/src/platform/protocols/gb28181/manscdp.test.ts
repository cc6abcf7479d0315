import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ManscdpError,
  buildCatalogQuery,
  buildCatalogResponse,
  decodeManscdpBody,
  deviceIdType,
  encodeGbk,
  isCivilCode,
  parseManscdp,
  readXml,
} from './manscdp.js';

// A GBK-encoded two-part catalog page as an NVR sends it. The Chinese text is written as the GBK
// bytes themselves, so the test does not rely on our own encoder to produce the fixture.
const gbk = (hex: string) => Buffer.from(hex, 'hex');
const GBK_CATALOG = Buffer.concat([
  Buffer.from(
    '<?xml version="1.0" encoding="GB2312"?>\r\n<Response>\r\n<CmdType>Catalog</CmdType>\r\n<SN>17</SN>\r\n' +
      '<DeviceID>33010602011180000001</DeviceID>\r\n<SumNum>3</SumNum>\r\n<DeviceList Num="2">\r\n<Item>\r\n' +
      '<!-- camera at the east gate -->\r\n<DeviceID>33010602011310000001</DeviceID>\r\n<Name>',
    'latin1',
  ),
  gbk('b6abc3c5c9e3cff1bbfa'), // 东门摄像机
  Buffer.from('</Name>\r\n<Manufacturer>', 'latin1'),
  gbk('baa3bfb5cdfecad3'), // 海康威视
  Buffer.from('</Manufacturer>\r\n<Model>DS-2CD</Model>\r\n<Owner>Owner</Owner>\r\n<CivilCode>330106</CivilCode>\r\n<Address>', 'latin1'),
  gbk('babcd6ddcad0cef7bafec7f8cec4c8fdc2b7'), // 杭州市西湖区文三路
  Buffer.from(
    '</Address>\r\n<Parental>0</Parental>\r\n<ParentID>33010602011180000001</ParentID>\r\n<SafetyWay>0</SafetyWay>\r\n<RegisterWay>1</RegisterWay>\r\n' +
      '<Secrecy>0</Secrecy>\r\n<Status>ON</Status>\r\n<Longitude>120.1301</Longitude>\r\n<Latitude>30.2799</Latitude>\r\n<Info><PTZType>3</PTZType></Info>\r\n</Item>\r\n' +
      '<Item><DeviceID>33010602011320000002</DeviceID><Name>',
    'latin1',
  ),
  gbk('c9e7c7f8c4cfc3c5'), // 社区南门
  Buffer.from('</Name><CivilCode>330106</CivilCode><Parental>0</Parental><Status>OFF</Status><Longitude>0.0</Longitude><Latitude>0.0</Latitude></Item>\r\n</DeviceList>\r\n</Response>\r\n', 'latin1'),
]);

describe('MANSCDP bodies', () => {
  it('decodes a GBK catalog page by its declaration and reads every field', () => {
    assert.equal(decodeManscdpBody(GBK_CATALOG).encoding, 'GB2312');
    const msg = parseManscdp(GBK_CATALOG);
    assert.ok(msg.cmdType === 'Catalog' && msg.root === 'Response');
    assert.equal(msg.sn, 17);
    assert.equal(msg.sumNum, 3);
    assert.equal(msg.items.length, 2);
    const [camera, ipc] = msg.items;
    assert.equal(camera!.deviceId, '33010602011310000001');
    assert.equal(camera!.name, '东门摄像机');
    assert.equal(camera!.manufacturer, '海康威视');
    assert.equal(camera!.address, '杭州市西湖区文三路');
    assert.equal(camera!.civilCode, '330106');
    assert.equal(camera!.type?.typeCode, 131);
    assert.equal(camera!.type?.label, '摄像机');
    assert.equal(camera!.parental, false);
    assert.equal(camera!.parentId, '33010602011180000001');
    assert.equal(camera!.status, 'ON');
    assert.equal(camera!.longitude, 120.1301);
    assert.equal(camera!.latitude, 30.2799);
    assert.equal(camera!.ptzType, 3, 'PTZType nested in <Info>');
    assert.equal(ipc!.name, '社区南门');
    assert.equal(ipc!.type?.typeCode, 132);
    assert.equal(ipc!.status, 'OFF');
    assert.equal(ipc!.longitude, undefined, '0.0 means no position');
  });

  it('encodes GBK byte-for-byte like the device does, and round-trips through the builder', () => {
    assert.deepEqual(encodeGbk('东门摄像机'), gbk('b6abc3c5c9e3cff1bbfa'));
    assert.deepEqual(encodeGbk('杭州市西湖区文三路'), gbk('babcd6ddcad0cef7bafec7f8cec4c8fdc2b7'));
    assert.equal(encodeGbk('a😀').toString('latin1'), 'a&#128512;', 'a character GBK lacks becomes a character reference');
    const body = buildCatalogResponse({
      sn: 5,
      deviceId: '33010602011180000001',
      sumNum: 1,
      channels: [{ deviceId: '33010602011320000002', name: '社区南门 <北>', civilCode: '330106', status: 'ON', longitude: 120.1, latitude: 30.2 }],
    });
    assert.ok(body.includes(gbk('c9e7c7f8c4cfc3c5')));
    const back = parseManscdp(body);
    assert.ok(back.cmdType === 'Catalog' && back.root === 'Response');
    assert.equal(back.items[0]!.name, '社区南门 <北>');
    const utf8 = buildCatalogResponse({ sn: 5, deviceId: '33010602011180000001', sumNum: 1, channels: [{ deviceId: '33010602011320000002', name: '南门' }], encoding: 'UTF-8' });
    assert.ok(utf8.includes(Buffer.from('南门', 'utf8')));
    assert.equal(decodeManscdpBody(utf8).encoding, 'UTF-8');
  });

  it('reads a real Hikvision keepalive and builds a Catalog query', () => {
    const ka = parseManscdp(Buffer.from('<?xml version="1.0" encoding="GB2312"?>\n<Notify>\n<CmdType>Keepalive</CmdType>\n<SN>2749</SN>\n<DeviceID>34020000001320000001</DeviceID>\n<Status>OK</Status>\n</Notify>\n'));
    assert.deepEqual(ka, { cmdType: 'Keepalive', root: 'Notify', sn: 2749, deviceId: '34020000001320000001', status: 'OK' });
    const query = buildCatalogQuery({ sn: 9, deviceId: '34020000001320000001' });
    assert.equal(
      query.toString('latin1'),
      '<?xml version="1.0" encoding="GB2312"?>\r\n<Query>\r\n<CmdType>Catalog</CmdType>\r\n<SN>9</SN>\r\n<DeviceID>34020000001320000001</DeviceID>\r\n</Query>\r\n',
    );
    assert.deepEqual(parseManscdp(query), { cmdType: 'Catalog', root: 'Query', sn: 9, deviceId: '34020000001320000001' });
  });

  it('refuses DOCTYPE, unknown entities, bad nesting, deep nesting and bad IDs', () => {
    const bad = [
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Notify>&a;</Notify>',
      '<Notify><CmdType>Keepalive&foo;</CmdType></Notify>',
      '<Notify><CmdType>Keepalive</SN></Notify>',
      '<Notify><CmdType>Keepalive</CmdType>',
      `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
      '<Notify/><Notify/>',
      '<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1234</DeviceID></Notify>',
      '<Notify><CmdType>Keepalive</CmdType><SN>x</SN><DeviceID>34020000001320000001</DeviceID></Notify>',
      '<Hello><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>34020000001320000001</DeviceID></Hello>',
      '<?xml version="1.0" encoding="EBCDIC"?><Notify/>',
    ];
    for (const xml of bad) assert.throws(() => parseManscdp(Buffer.from(xml)), ManscdpError, xml);
    assert.equal(readXml('<a x="1 &amp; 2">&lt;b&gt; &#x4E2D;<![CDATA[<raw>]]></a>').text, '<b> 中<raw>');
  });

  it('decodes 20-digit IDs: type codes, categories and validation', () => {
    const nvr = deviceIdType('34020000001180000001');
    assert.equal(nvr?.typeCode, 118);
    assert.equal(nvr?.category, 'device');
    assert.equal(nvr?.label, 'NVR');
    assert.equal(nvr?.centreCode, '34020000');
    assert.equal(nvr?.industry, '00');
    assert.equal(nvr?.network, 0);
    assert.equal(nvr?.serial, '000001');
    assert.equal(deviceIdType('34020000001310000001')?.category, 'peripheral');
    assert.equal(deviceIdType('34020000001320000001')?.label, '网络摄像机');
    assert.equal(deviceIdType('34020000002000000001')?.category, 'platform');
    assert.equal(deviceIdType('34020000002150000001')?.category, 'group');
    assert.equal(deviceIdType('34020000002160000001')?.label, '虚拟组织');
    assert.equal(deviceIdType('34020000001327000001')?.network, 7);
    assert.equal(deviceIdType('3402000000132000000'), null, '19 digits');
    assert.equal(deviceIdType('3402000000132000000a'), null);
    assert.equal(deviceIdType('34020000000990000001'), null, 'type 099 is not a type');
    assert.equal(isCivilCode('330106'), true);
    assert.equal(isCivilCode('33010'), false);
  });
});
