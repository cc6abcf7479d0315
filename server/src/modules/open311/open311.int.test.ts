/**
 * Open311 GeoReport v2 over HTTP on a real database, the way an Open311 client calls it: form
 * bodies, both formats, the JSON answers checked against the GeoReport v2 JSON Schemas and the
 * XML answers parsed. A request filed here is a ticket the operators handle; closing it closes
 * the request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ticket } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { FULL_MOBILE, gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { authenticateApiKey, createApiClient, DEMO_CLIENT_ID, demoOpen311Key, ensureDemoOpen311Client, revokeApiClient } from './api-clients.js';
import { SPECIFICATION } from './routes.js';
import { child, childText, childrenNamed, loadSchema, parseXml, validateSchema, type XmlElement } from './test-kit.js';

interface Raw {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

type Json = Record<string, unknown>;
type Filed = { service_request_id: string; service_notice: string; account_id: null };
type Request311 = Json & { service_request_id: string; status: string; status_notes: string | null; service_code: string; description: string; lat: number; long: number; media_url: string | null };

const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime',
  'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

describe('open311', () => {
  let env: TestEnv;
  let key: string;
  let otherKey: string;
  let lon: number;
  let lat: number;
  let communityOp: Client;
  let gw1: Client;

  async function raw(method: 'GET' | 'POST', url: string, body?: { form?: Record<string, string>; json?: unknown }): Promise<Raw> {
    const res = await env.rt.app.inject({
      method,
      url,
      ...(body?.form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body.form).toString() } : {}),
      ...(body?.json !== undefined ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body.json) } : {}),
    });
    const contentType = String(res.headers['content-type'] ?? '');
    assert.doesNotMatch(res.body, FULL_MOBILE, `${method} ${url} answered a full phone number`);
    return { status: res.statusCode, contentType, text: res.body, json: contentType.startsWith('application/json') ? JSON.parse(res.body) : null };
  }

  function xml(res: Raw, root: string): XmlElement {
    assert.equal(res.contentType, 'text/xml; charset=utf-8');
    assert.match(res.text, /^<\?xml version="1\.0" encoding="utf-8"\?>/);
    const el = parseXml(res.text);
    assert.equal(el.name, root);
    return el;
  }

  function json<T>(res: Raw, schemaFile?: string): T {
    assert.equal(res.contentType, 'application/json; charset=utf-8');
    if (schemaFile) assert.deepEqual(validateSchema(loadSchema(schemaFile), res.json), [], `${schemaFile}: ${res.text.slice(0, 400)}`);
    return res.json as T;
  }

  /** An error answer: the list of { code, description } in either format, with the status as the code. */
  function errors(res: Raw, status: number, pattern?: RegExp): string[] {
    assert.equal(res.status, status, res.text);
    let list: { code: number; description: string }[];
    if (res.contentType.startsWith('text/xml')) {
      list = childrenNamed(xml(res, 'errors'), 'error').map((e) => ({ code: Number(childText(e, 'code')), description: childText(e, 'description') }));
    } else {
      list = json<{ code: number; description: string }[]>(res);
      assert.ok(Array.isArray(list), res.text);
    }
    assert.ok(list.length > 0);
    for (const e of list) assert.deepEqual(Object.keys(e).sort(), ['code', 'description']);
    assert.ok(list.every((e) => e.code === status));
    if (pattern) assert.ok(list.some((e) => pattern.test(e.description)), `${pattern} in ${JSON.stringify(list)}`);
    return list.map((e) => e.description);
  }

  async function file(form: Record<string, string>, format: 'json' | 'xml' = 'json'): Promise<Filed> {
    const res = await raw('POST', `/open311/v2/requests.${format}`, { form: { api_key: key, lat: String(lat), long: String(lon), ...form } });
    assert.equal(res.status, 200, res.text);
    if (format === 'xml') {
      const r = child(xml(res, 'service_requests'), 'request');
      assert.equal(childrenNamed(r, 'token').length, 0, 'a request filed at once answers its id, not a token');
      return { service_request_id: childText(r, 'service_request_id'), service_notice: childText(r, 'service_notice'), account_id: null };
    }
    const [filed] = json<Filed[]>(res);
    return filed!;
  }

  /** The ticket behind a request, as the operators see it. */
  async function ticketOf(number: string): Promise<Ticket> {
    const found = await communityOp.get<{ items: Ticket[] }>(`/api/tickets?q=${number}`);
    assert.equal(found.body.items.length, 1, `ticket ${number}`);
    return found.body.items[0]!;
  }

  async function getRequest(id: string, apiKey = key): Promise<Request311> {
    const res = await raw('GET', `/open311/v2/requests/${id}.json?api_key=${apiKey}`);
    assert.equal(res.status, 200, res.text);
    const [r] = json<Request311[]>(res, 'requests.json');
    assert.deepEqual(Object.keys(r!).sort(), [...REQUEST_FIELDS].sort());
    return r!;
  }

  before(async () => {
    env = await startTestEnv();
    const grid = env.seed.city.grids[0]!;
    [lon, lat] = gridCentroid(grid);
    const city = env.seed.city.regions.find((r) => r.level === 'city')!;
    const otherCounty = env.seed.city.regions.find((r) => r.level === 'county' && !grid.regionCode.startsWith(r.code.slice(0, 6)))!;
    const ctx = systemContext(env.clock, 'test');
    key = (await createApiClient(env.rt.database.db, ctx, { name: '市民通 App', regionCode: city.code })).key;
    otherKey = (await createApiClient(env.rt.database.db, ctx, { name: '邻县 App', regionCode: otherCounty.code })).key;
    communityOp = await env.login('community_op');
    gw1 = await env.login('gw1');
  });
  after(() => env.close());

  it('discovery in JSON and XML', async () => {
    const d = json<{ changeset: string; endpoints: Json[] }>(await raw('GET', '/open311/v2/discovery.json'));
    assert.ok(d.changeset && 'contact' in d && 'key_service' in d);
    assert.equal(d.endpoints.length, 1);
    assert.deepEqual(d.endpoints[0], { specification: SPECIFICATION, url: 'http://localhost:80/open311/v2', changeset: d.changeset, type: 'test', formats: ['text/xml', 'application/json'] });
    const x = xml(await raw('GET', '/open311/v2/discovery.xml'), 'discovery');
    const endpoint = child(child(x, 'endpoints'), 'endpoint');
    assert.equal(childText(endpoint, 'specification'), SPECIFICATION);
    assert.deepEqual(childrenNamed(child(endpoint, 'formats'), 'format').map((f) => f.text), ['text/xml', 'application/json']);
    assert.ok(childText(x, 'key_service'));
  });

  it('services: one per active leaf category, in both formats', async () => {
    const services = json<Json[]>(await raw('GET', '/open311/v2/services.json?jurisdiction_id=anything'), 'services.json');
    const codes = services.map((s) => s.service_code);
    assert.ok(codes.includes('city.manhole') && codes.includes('env.noise'));
    assert.ok(!codes.includes('env') && !codes.includes('city'), 'groups are not services');
    const noise = services.find((s) => s.service_code === 'env.noise')!;
    assert.deepEqual([noise.service_name, noise.metadata, noise.type, noise.group], ['噪音扰民', true, 'realtime', '生态环境']);
    assert.equal(services.find((s) => s.service_code === 'city.road')!.metadata, false);
    const x = xml(await raw('GET', '/open311/v2/services.xml'), 'services');
    const items = childrenNamed(x, 'service');
    assert.equal(items.length, services.length);
    const xNoise = items.find((s) => childText(s, 'service_code') === 'env.noise')!;
    assert.deepEqual(['service_name', 'metadata', 'type', 'group'].map((n) => childText(xNoise, n)), ['噪音扰民', 'true', 'realtime', '生态环境']);
    for (const s of items) for (const n of ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']) child(s, n);
  });

  it('service definitions with their attributes; an unknown service is 404', async () => {
    const noise = json<{ service_code: string; attributes: Json[] }>(await raw('GET', '/open311/v2/services/env.noise.json'), 'service-definition.json');
    assert.equal(noise.service_code, 'env.noise');
    assert.deepEqual(noise.attributes, [
      { variable: true, code: 'time_of_day', required: false, order: 1, description: '发生时段', datatype: 'singlevaluelist', datatype_description: null, values: [{ key: '白天', name: '白天' }, { key: '夜间', name: '夜间' }] },
    ]);
    const labor = json<{ attributes: Json[] }>(await raw('GET', '/open311/v2/services/dispute.labor.json'), 'service-definition.json');
    assert.deepEqual([labor.attributes[0]!.code, labor.attributes[0]!.datatype], ['workers', 'number']);
    const road = json<{ attributes: Json[] }>(await raw('GET', '/open311/v2/services/city.road.json'), 'service-definition.json');
    assert.deepEqual(road.attributes, []);
    const x = xml(await raw('GET', '/open311/v2/services/env.noise.xml'), 'service_definition');
    assert.equal(childText(x, 'service_code'), 'env.noise');
    const attribute = child(child(x, 'attributes'), 'attribute');
    assert.deepEqual(['variable', 'code', 'datatype', 'required', 'order'].map((n) => childText(attribute, n)), ['true', 'time_of_day', 'singlevaluelist', 'false', '1']);
    assert.deepEqual(childrenNamed(child(attribute, 'values'), 'value').map((v) => [childText(v, 'key'), childText(v, 'name')]), [['白天', '白天'], ['夜间', '夜间']]);
    errors(await raw('GET', '/open311/v2/services/no.such.json'), 404, /no\.such/);
    errors(await raw('GET', '/open311/v2/services/no.such.xml'), 404, /no\.such/);
    errors(await raw('GET', '/open311/v2/services/env.noise.csv'), 404);
    errors(await raw('GET', '/open311/v2/services/env'), 404);
    errors(await raw('GET', '/open311/v2/nothing.xml'), 404);
  });

  it('POST form-encoded (XML): the ticket reaches the operator with its answers; reporter data stays inside', async () => {
    const filed = await file(
      {
        service_code: 'env.noise', description: '楼下酒吧每晚噪音到凌晨两点', 'attribute[time_of_day]': '夜间', first_name: '三', last_name: '张', phone: '13812341234',
        email: 'zhang@example.com', media_url: 'https://photos.example.com/a.jpg', jurisdiction_id: 'gridgov', device_id: 'd1',
      },
      'xml',
    );
    assert.match(filed.service_request_id, /^\d{8}-\d{6}$/);
    assert.match(filed.service_notice, /派遣/);
    const t = await ticketOf(filed.service_request_id);
    assert.equal(t.number, filed.service_request_id);
    assert.deepEqual([t.source, t.status, t.level, t.gridId], ['api', 'reported', 'grid', env.gridId(env.seed.city.grids[0]!.code)]);
    assert.deepEqual(t.customFields, { time_of_day: '夜间' });
    assert.deepEqual([t.reporterName, t.reporterPhoneMasked], ['张三', '138****1234']);
    assert.equal(t.description, '楼下酒吧每晚噪音到凌晨两点\n\n[media_url] https://photos.example.com/a.jpg');
    const r = await getRequest(filed.service_request_id);
    assert.deepEqual(
      [r.status, r.service_code, r.service_name, r.description, r.media_url, r.lat, r.long, r.status_notes, r.agency_responsible],
      ['open', 'env.noise', '噪音扰民', '楼下酒吧每晚噪音到凌晨两点', 'https://photos.example.com/a.jpg', lat, lon, null, null],
    );
    const text = (await raw('GET', `/open311/v2/requests/${filed.service_request_id}.xml?api_key=${key}`)).text;
    assert.doesNotMatch(text, /张三|13812341234|138\*{4}1234|zhang@/, 'no reporter data in the public view');
  });

  it('POST JSON (JSON): attributes as an object or as attribute[code] keys, typed by the definition', async () => {
    const res = await raw('POST', '/open311/v2/requests.json', {
      json: { api_key: key, service_code: 'dispute.labor', lat, long: lon, description: '工地拖欠工资，二十多名工人讨薪', attribute: { workers: '23' } },
    });
    assert.equal(res.status, 200, res.text);
    const [filed] = json<Filed[]>(res);
    assert.deepEqual(Object.keys(filed!).sort(), ['account_id', 'service_notice', 'service_request_id'], 'the id or a token, not both');
    assert.equal(filed!.account_id, null);
    const t = await ticketOf(filed!.service_request_id);
    assert.deepEqual(t.customFields, { workers: 23 });
    const res2 = await raw('POST', '/open311/v2/requests.json', { json: { api_key: key, service_code: 'dispute.labor', lat: String(lat), long: String(lon), description: '又有工人讨薪', 'attribute[workers]': 5 } });
    assert.equal(res2.status, 200, res2.text);
    const t2 = await ticketOf(json<Filed[]>(res2)[0]!.service_request_id);
    assert.deepEqual(t2.customFields, { workers: 5 });
  });

  it('POST with an address only: filed in the client\'s region; parameters in the query string count too', async () => {
    const res = await raw('POST', `/open311/v2/requests.json?api_key=${key}&service_code=city.road`, { form: { address_string: '人民路与建设路交叉口', description: '路面塌陷一个大坑' } });
    assert.equal(res.status, 200, res.text);
    const [filed] = json<Filed[]>(res);
    const r = await getRequest(filed!.service_request_id);
    assert.deepEqual([r.address, r.lat, r.long], ['人民路与建设路交叉口', null, null]);
    const noDescription = await file({ service_code: 'city.streetlight' });
    assert.equal((await getRequest(noDescription.service_request_id)).description, '路灯不亮', 'no description: the service name stands in');
  });

  it('errors are lists of { code, description }: 403 for the key, 400 for parameters, 404 for what is not there', async () => {
    const base = { service_code: 'city.road', lat: String(lat), long: String(lon), description: '路面破损' };
    errors(await raw('POST', '/open311/v2/requests.json', { form: base }), 403, /api_key is required/);
    errors(await raw('POST', '/open311/v2/requests.xml', { form: base }), 403, /api_key/);
    errors(await raw('POST', '/open311/v2/requests.xml', { form: { ...base, api_key: 'o311_wrong' } }), 403, /not valid/);
    errors(await raw('GET', '/open311/v2/requests.xml?api_key=nope'), 403, /not valid/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, service_code: 'no.such' } }), 400, /service_code no\.such/);
    errors(await raw('POST', '/open311/v2/requests.xml', { form: { ...base, api_key: key, service_code: 'env' } }), 400, /service_code env/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { api_key: key, lat: String(lat), long: String(lon) } }), 400, /service_code is required/);
    errors(await raw('POST', '/open311/v2/requests.xml', { form: { api_key: key, service_code: 'city.road', description: '路面破损' } }), 400, /location is required.*TICKET_LOCATION_REQUIRED/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { api_key: key, service_code: 'city.road', lat: String(lat) } }), 400, /together/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, lat: 'north' } }), 400, /lat/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, lat: '10', long: '10' } }), 400, /TICKET_OUTSIDE_AREA/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: otherKey } }), 400, /TICKET_OUTSIDE_AREA/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, service_code: 'dispute.labor', 'attribute[workers]': 'many' } }), 400, /attribute\[workers\] does not have a valid value/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, 'attribute[color]': 'red' } }), 400, /attribute\[color\] is not an attribute/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, phone: '12' } }), 400, /phone/);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { ...base, api_key: key, media_url: 'javascript:alert(1)' } }), 400, /media_url/);
    const badJson = await env.rt.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'application/json' }, payload: '{"api_key":' });
    errors({ status: badJson.statusCode, contentType: String(badJson.headers['content-type']), text: badJson.body, json: null }, 400);
    errors(await raw('GET', `/open311/v2/requests/20000101-000000.json?api_key=${key}`), 404, /20000101-000000/);
    errors(await raw('GET', `/open311/v2/requests/20000101-000000.xml?api_key=${key}`), 404);
    errors(await raw('GET', `/open311/v2/requests.json?api_key=${key}&page_size=5000`), 400, /page_size/);
    errors(await raw('GET', `/open311/v2/requests.json?api_key=${key}&status=pending`), 400, /status/);
    errors(await raw('GET', `/open311/v2/requests.json?api_key=${key}&start_date=yesterday`), 400, /start_date/);
    errors(await raw('GET', `/open311/v2/requests.json?api_key=${key}&start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z`), 400, /90 days/);
  });

  it('GET requests: newest first, filters, page and page_size, both formats; only the client\'s region', async () => {
    const ids: string[] = [];
    for (const code of ['city.garbage', 'city.garbage', 'env.smoke']) {
      env.clock.advance(60_000);
      ids.push((await file({ service_code: code, description: `第${ids.length + 1}件：楼道堆放杂物 & <影响通行>` })).service_request_id);
    }
    const all = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&page_size=1000`), 'requests.json');
    assert.deepEqual(all.slice(0, 3).map((r) => r.service_request_id), [...ids].reverse(), 'newest first');
    const page1 = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&page_size=2`), 'requests.json');
    const page2 = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&page_size=2&page=2`), 'requests.json');
    assert.deepEqual([...page1, ...page2].map((r) => r.service_request_id), all.slice(0, 4).map((r) => r.service_request_id));
    const garbage = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&service_code=city.garbage`), 'requests.json');
    assert.deepEqual(garbage.map((r) => r.service_request_id), [ids[1], ids[0]]);
    const some = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&service_request_id=${ids[0]},${ids[2]}&service_code=city.road`), 'requests.json');
    assert.deepEqual(some.map((r) => r.service_request_id).sort(), [ids[0], ids[2]].sort(), 'service_request_id overrides the other filters');
    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&status=closed`), 'requests.json').length, 0);
    assert.ok(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&status=open,closed`)).length >= 3);
    const now = env.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&start_date=${iso(now + 1000)}`)).length, 0);
    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&start_date=${iso(now - 150_000)}&end_date=${iso(now)}`)).length, 3);
    env.clock.advance(91 * 24 * 3600_000);
    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}`)).length, 0, 'the default window is the last 90 days');
    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&start_date=${iso(now - 150_000)}`)).length, 3);
    env.clock.advance(-91 * 24 * 3600_000);

    const x = xml(await raw('GET', `/open311/v2/requests.xml?api_key=${key}&page_size=3`), 'service_requests');
    const items = childrenNamed(x, 'request');
    assert.deepEqual(items.map((r) => childText(r, 'service_request_id')), [...ids].reverse());
    assert.equal(childText(items[0]!, 'description'), '第3件：楼道堆放杂物 & <影响通行>', 'escaped in XML, read back the same');
    assert.deepEqual(items[0]!.children.map((c) => c.name), REQUEST_FIELDS);
    assert.equal(childText(items[0]!, 'status_notes'), '');

    assert.equal(json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${otherKey}`)).length, 0, 'another region sees none of them');
    errors(await raw('GET', `/open311/v2/requests/${ids[0]}.json?api_key=${otherKey}`), 404);
  });

  it('tokens: a token answered earlier (the ticket id) still gives its service_request_id', async () => {
    const filed = await file({ service_code: 'city.road', description: '人行道砖块松动' });
    const token = (await ticketOf(filed.service_request_id)).id;
    const [t] = json<Json[]>(await raw('GET', `/open311/v2/tokens/${token}.json?api_key=${key}`));
    assert.deepEqual(t, { service_request_id: filed.service_request_id, token });
    const r = child(xml(await raw('GET', `/open311/v2/tokens/${token}.xml`), 'service_requests'), 'request');
    assert.deepEqual([childText(r, 'service_request_id'), childText(r, 'token')], [filed.service_request_id, token], 'no key is needed to read');
    errors(await raw('GET', `/open311/v2/tokens/not-a-token.json?api_key=${key}`), 404);
    errors(await raw('GET', `/open311/v2/tokens/${token}.xml?api_key=${otherKey}`), 404);
  });

  it('reading needs no key: public fields only, phone and ID numbers masked in every form typed, in the address too', async () => {
    const filed = await file({
      service_code: 'city.road',
      description: '路面坑洼，联系 138 1234 5678 或 +86-139-1234-5678，身份证 110105 19491231 002X',
      address_string: '人民路88号 电话13712345678',
    });
    const [keyless] = json<Request311[]>(await raw('GET', `/open311/v2/requests/${filed.service_request_id}.json`), 'requests.json');
    assert.deepEqual(Object.keys(keyless!).sort(), [...REQUEST_FIELDS].sort());
    assert.equal(keyless!.description, '路面坑洼，联系 138****5678 或 139****5678，身份证 11**************2X');
    assert.equal(keyless!.address, '人民路88号 电话137****5678');
    const text = (await raw('GET', '/open311/v2/requests.xml?page_size=1000')).text;
    assert.ok(text.includes(filed.service_request_id), 'the keyless list holds the deployment\'s requests');
    assert.doesNotMatch(text, /1234 5678|1234-5678|19491231|13712345678/, 'no number in any form');
  });

  it('a deployment may switch keyless reads off: reading then needs a key', async () => {
    const closed = await startTestEnv({ config: { open311PublicReads: false } });
    try {
      const res = await closed.rt.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
      assert.equal(res.statusCode, 403);
      const [e] = JSON.parse(res.body) as { code: number; description: string }[];
      assert.equal(e!.code, 403);
      assert.match(e!.description, /api_key/);
    } finally {
      await closed.close();
    }
  });

  it('closing the ticket through the flow closes the request, with the public note', async () => {
    const withPhone = await file({ service_code: 'city.road', description: '路面坑洼，电话13912345678联系我' });
    assert.equal((await getRequest(withPhone.service_request_id)).description, '路面坑洼，电话139****5678联系我', 'phone numbers in the text are masked');
    const filed = await file({ service_code: 'city.manhole', description: '井盖缺失，晚上很危险' });
    const step = async (client: Client, t: { id: string; version: number }, action: string, body: Json = {}) => {
      const res = await client.post<Ticket>(`/api/tickets/${t.id}/${action}`, { version: t.version, ...body });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    let t = (await gw1.get<Ticket>(`/api/tickets/${(await ticketOf(filed.service_request_id)).id}`)).body;
    t = await step(gw1, t, 'accept');
    // Only the text written for the public leaves; the internal note stays in.
    t = await step(gw1, t, 'report_back', { note: '内部：物业推诿，网格员代为处置', publicNote: '已更换井盖并设置警示' });
    assert.equal((await getRequest(filed.service_request_id)).status, 'open');
    t = await step(gw1, t, 'close');
    const r = await getRequest(filed.service_request_id);
    assert.deepEqual([r.status, r.status_notes], ['closed', '已更换井盖并设置警示']);
    assert.equal(r.updated_datetime, t.closedAt);
    const closed = json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&status=closed`), 'requests.json');
    assert.deepEqual(closed.map((c) => c.service_request_id), [filed.service_request_id]);
    assert.ok(!json<Request311[]>(await raw('GET', `/open311/v2/requests.json?api_key=${key}&status=open&page_size=1000`)).some((c) => c.service_request_id === filed.service_request_id));

    const rejected = await file({ service_code: 'city.road', description: '重复的反映' });
    const rt = (await gw1.get<Ticket>(`/api/tickets/${(await ticketOf(rejected.service_request_id)).id}`)).body;
    await step(gw1, rt, 'reject', { note: '与 12 号工单重复', publicNote: '已有工单在处理' });
    const rr = await getRequest(rejected.service_request_id);
    assert.deepEqual([rr.status, rr.status_notes], ['closed', '已有工单在处理']);
  });

  it('a revoked key is refused; POSTs are limited per client', async () => {
    const db = env.rt.database.db;
    const ctx = systemContext(env.clock, 'test');
    const city = env.seed.city.regions.find((r) => r.level === 'city')!;
    const client = await createApiClient(db, ctx, { name: '限流测试', regionCode: city.code });
    for (let i = 0; i < 60; i++) errors(await raw('POST', '/open311/v2/requests.json', { form: { api_key: client.key } }), 400);
    const limited = await raw('POST', '/open311/v2/requests.xml', { form: { api_key: client.key } });
    errors(limited, 429, /Too many/);
    assert.equal((await raw('GET', `/open311/v2/requests.json?api_key=${client.key}`)).status, 200, 'reads are not limited');
    env.clock.advance(61_000);
    errors(await raw('POST', '/open311/v2/requests.json', { form: { api_key: client.key } }), 400);
    assert.equal(await revokeApiClient(db, ctx, client.id), true);
    assert.equal(await revokeApiClient(db, ctx, client.id), false);
    errors(await raw('GET', `/open311/v2/requests.json?api_key=${client.key}`), 403, /not valid/);
  });

  it('the demo client: a stable key for the demo city, created once, refused outside demo mode', async () => {
    const db = env.rt.database.db;
    const first = await ensureDemoOpen311Client(db, env.clock);
    const again = await ensureDemoOpen311Client(db, env.clock);
    const city = env.seed.city.regions.find((r) => r.level === 'city')!;
    assert.deepEqual(first, again);
    assert.equal(first!.key, demoOpen311Key(city.code));
    assert.equal(first!.regionCode, city.code);
    assert.equal((await raw('GET', `/open311/v2/requests.json?api_key=${first!.key}`)).status, 200);
    assert.equal((await authenticateApiKey(db, first!.key, { allowDemo: true })).id, DEMO_CLIENT_ID);
    await assert.rejects(authenticateApiKey(db, first!.key, { allowDemo: false }), /api_key is not valid/);
  });

  it('every /open311 route declares public access and answers GeoReport errors, never our own shape', async () => {
    const res = await raw('GET', '/open311/v2/requests.json?api_key=x&page=0');
    assert.ok(!res.text.includes('"error"'));
    errors(res, 400, /page/);
    errors(await raw('GET', '/open311/whatever'), 404);
  });
});
