import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, toXml } from './xml.js';
import { childText, childrenNamed, parseXml, validateSchema } from './test-kit.js';
import { maskFreeText } from '@gridgov/contracts';
import { splitMediaUrl } from './requests.js';
import { reporterName } from './file-service-request.js';
import { attributeAnswers, limitText } from './services.js';
import { gatherParams, parseForm, splitFile } from './schemas.js';

test('lists repeat their item element; null is an empty element; text is escaped', () => {
  const xml = toXml('services', [
    { service_code: 'a&b', service_name: '<井盖> "x" \'y\'', metadata: true, keywords: null, group: undefined },
    { service_code: 'c', service_name: 'd', metadata: false, keywords: 'k', group: 'g' },
  ]);
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>a&amp;b<\/service_code>/);
  assert.match(xml, /<keywords\/>/);
  const root = parseXml(xml);
  const services = childrenNamed(root, 'service');
  assert.equal(services.length, 2);
  assert.equal(childText(services[0]!, 'service_name'), '<井盖> "x" \'y\'');
  assert.equal(childText(services[0]!, 'metadata'), 'true');
});

test('nested lists take their item names (attributes, values, formats, endpoints)', () => {
  const xml = toXml('service_definition', { service_code: 'x', attributes: [{ code: 'a', values: [{ key: '1', name: 'one' }, { key: '2', name: 'two' }] }] });
  assert.equal(xml.split('\n')[1], '<service_definition><service_code>x</service_code><attributes><attribute><code>a</code><values><value><key>1</key><name>one</name></value><value><key>2</key><name>two</name></value></values></attribute></attributes></service_definition>');
  assert.throws(() => toXml('unknown_list', [1]), /item element name/);
  assert.throws(() => toXml('bad name', 'x'), /element name/);
});

test('characters XML cannot carry are dropped', () => {
  assert.equal(escapeXml('a\u0000b\u0007c\td\ne\uFFFEf\uD800g😀'), 'abc\td\nefg😀');
  assert.doesNotThrow(() => parseXml(toXml('errors', [{ code: 400, description: 'bad \u0001 <tag> & "q"' }])));
});

test('media URL round trip, masking, names, limits and parameters', () => {
  assert.deepEqual(splitMediaUrl('井盖坏了\n\n[media_url] https://x.test/a.jpg'), { text: '井盖坏了', mediaUrl: 'https://x.test/a.jpg' });
  assert.deepEqual(splitMediaUrl('no url'), { text: 'no url', mediaUrl: null });
  assert.match(maskFreeText('电话13812341234。'), /^电话138\*{4}1234。$/);
  assert.doesNotMatch(maskFreeText('证件430702199001011234'), /430702199001011234/);
  assert.equal(reporterName('三', '张'), '张三');
  assert.equal(reporterName('Jane', 'Doe'), 'Jane Doe');
  assert.equal(reporterName(' ', undefined), undefined);
  assert.deepEqual([limitText(60), limitText(24 * 60), limitText(7 * 24 * 60), limitText(90)], ['1小时', '24小时', '7天', '90分钟']);
  assert.deepEqual(splitFile('env.noise.json'), { name: 'env.noise', format: 'json' });
  assert.equal(splitFile('env.noise.csv'), null);
  const form = parseForm('service_code=env.noise&attribute%5Btime_of_day%5D=%E5%A4%9C%E9%97%B4&attribute[x][]=1&attribute[x][]=2&__proto__=p');
  const { params, attributes } = gatherParams({ api_key: 'k', service_code: 'ignored' }, form);
  assert.equal(params.service_code, 'env.noise');
  assert.equal(params.api_key, 'k');
  assert.equal(params.__proto__, 'p');
  assert.deepEqual({ ...attributes }, { time_of_day: '夜间', x: ['1', '2'] });
  const answers = attributeAnswers(
    [{ key: 'n', label: 'n', type: 'number', required: false }, { key: 'b', label: 'b', type: 'boolean', required: false }],
    { n: '12', b: 'TRUE', other: 'x', empty: '' },
  );
  assert.deepEqual({ ...answers }, { n: 12, b: true, other: 'x' });
});

test('the schema check finds what does not fit', () => {
  const schema = { required: ['a'], properties: { a: { type: 'string', enum: ['x'] }, b: { anyOf: [{ type: 'number' }, { type: 'null' }] } } };
  assert.deepEqual(validateSchema(schema, { a: 'x', b: null }), []);
  assert.equal(validateSchema(schema, { a: 'y', b: 'z' }).length, 2);
  assert.equal(validateSchema(schema, {}).length, 1);
});
