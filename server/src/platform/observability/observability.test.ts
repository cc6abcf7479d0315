/** The pieces of observability that need no database: redaction, the log scan, the exposition format, /metrics access, readiness rules, outage errors. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactFields, safeErrorText, scrubText, serializeError } from './redact.js';
import { scanLogText } from './log-scan.js';
import { Counter, Histogram, exposition, renderGauge } from './prometheus.js';
import { metricsAccess, parseMetricsAllow, parseMetricsToken } from './metrics-access.js';
import { workerAlive } from './health.js';
import { statusClass } from './http-metrics.js';
import { isDatabaseUnavailable } from '../db/errors.js';

const TOKEN = 'Ab3dEfGh1jKlMn0pQrStUvWxYz_-0123456789abcde'; // 43 characters, base64url

describe('redaction', () => {
  it('replaces ID numbers, mobiles, tokens, Open311 keys, cookies and bearer credentials in text', () => {
    const line = `id 11010519491231002X phone 13812341234 sid ${TOKEN} key o311_abcdefghijklmnopqrstuv cookie gg_sid=xyz auth Bearer abc.def`;
    const clean = scrubText(line);
    assert.deepEqual(scanLogText(clean), []);
    assert.equal(clean, 'id [redacted] phone [redacted] sid [redacted] key [redacted] cookie gg_sid=[redacted] auth Bearer [redacted]');
  });

  it('leaves ids, timestamps and durations alone', () => {
    const line = '{"time":1733230000000,"requestId":"4f8e1c2a-3b6d-4e0f-9a1b-2c3d4e5f6a7b","durationMs":12.5,"route":"/api/grids/:id","code":"430702001004"}';
    assert.equal(scrubText(line), line);
    assert.deepEqual(scanLogText(line), []);
  });

  it('replaces secret-named fields at any depth, and drops the statement values of a driver error', () => {
    const out = redactFields({ a: { b: [{ password: 'x', idNumber: 'y', Cookie: 'z', sessionId: 's' }] }, ok: 1 }) as { a: { b: Record<string, unknown>[] }; ok: number };
    assert.deepEqual(out.a.b[0], { password: '[redacted]', idNumber: '[redacted]', Cookie: '[redacted]', sessionId: '[redacted]' });
    assert.equal(out.ok, 1);
    const error = new Error('Failed query: select 1\nparams: 11010519491231002X', { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) });
    const serialized = serializeError(error) as { message: string; cause: { code: string } };
    assert.equal(serialized.message, 'Failed query: select 1\nparams: [redacted]');
    assert.equal(serialized.cause.code, '57P01');
    assert.equal(safeErrorText(error), 'a query failed: Error 57P01: terminating connection');
  });
});

describe('the log scan', () => {
  it('finds every kind of leak, masked, by line', () => {
    const text = ['{"msg":"ok"}', '{"msg":"x 13812341234"}', '{"headers":{"cookie":"gg_sid=abc"}}', '{"password":"[redacted]"}', `plain ${TOKEN}`, '11010519491231002X'].join('\n');
    const findings = scanLogText(text);
    assert.deepEqual(findings.map((f) => [f.line, f.kind]), [[2, 'mobile'], [3, 'cookie'], [3, 'secret_field'], [5, 'token'], [6, 'id_number']]);
    assert.ok(findings.every((f) => !f.excerpt.includes('13812341234') && !f.excerpt.includes('11010519491231002X')));
  });
});

describe('the Prometheus text format', () => {
  it('renders counters, histograms and gauges with escaped labels', () => {
    const counter = new Counter('c_total', 'A counter');
    counter.inc({ route: '/a/"b"' });
    counter.inc({ route: '/a/"b"' }, 2);
    const histogram = new Histogram('h_seconds', 'A histogram', [0.1, 1]);
    histogram.observe({ r: 'x' }, 0.05);
    histogram.observe({ r: 'x' }, 0.5);
    histogram.observe({ r: 'x' }, 5);
    const text = exposition([counter.render(), histogram.render(), renderGauge({ name: 'g', help: 'A gauge', samples: [{ value: 7 }, { labels: { s: 'a' }, value: 1.5 }] })]);
    assert.equal(
      text,
      [
        '# HELP c_total A counter', '# TYPE c_total counter', 'c_total{route="/a/\\"b\\""} 3',
        '# HELP h_seconds A histogram', '# TYPE h_seconds histogram',
        'h_seconds_bucket{r="x",le="0.1"} 1', 'h_seconds_bucket{r="x",le="1"} 2', 'h_seconds_bucket{r="x",le="+Inf"} 3', 'h_seconds_sum{r="x"} 5.55', 'h_seconds_count{r="x"} 3',
        '# HELP g A gauge', '# TYPE g gauge', 'g 7', 'g{s="a"} 1.5', '',
      ].join('\n'),
    );
    assert.equal(statusClass(503), '5xx');
  });
});

describe('/metrics access', () => {
  it('is off without configuration; needs the token; needs a listed address; both when both are set', () => {
    assert.equal(metricsAccess({ metricsToken: null, metricsAllow: null })('127.0.0.1', undefined), 'off');
    const token = 'a-long-enough-token-123';
    const byToken = metricsAccess({ metricsToken: token, metricsAllow: null });
    assert.equal(byToken('203.0.113.1', `Bearer ${token}`), 'allow');
    assert.equal(byToken('203.0.113.1', 'Bearer nope'), 'token');
    assert.equal(byToken('203.0.113.1', undefined), 'token');
    const byAddress = metricsAccess({ metricsToken: null, metricsAllow: parseMetricsAllow('10.0.0.0/8, ::1') });
    assert.equal(byAddress('10.9.8.7', undefined), 'allow');
    assert.equal(byAddress('::ffff:10.9.8.7', undefined), 'allow');
    assert.equal(byAddress('::1', undefined), 'allow');
    assert.equal(byAddress('11.0.0.1', undefined), 'address');
    const both = metricsAccess({ metricsToken: token, metricsAllow: ['127.0.0.1'] });
    assert.equal(both('127.0.0.1', undefined), 'token');
    assert.equal(both('127.0.0.2', `Bearer ${token}`), 'address');
    assert.equal(both('127.0.0.1', `Bearer ${token}`), 'allow');
  });

  it('refuses a short token and a malformed allow-list at start-up', () => {
    assert.throws(() => parseMetricsToken('short'), /at least 16/);
    assert.throws(() => parseMetricsAllow('10.0.0.0/33'), /GRIDGOV_METRICS_ALLOW/);
    assert.throws(() => parseMetricsAllow('localhost'), /GRIDGOV_METRICS_ALLOW/);
    assert.equal(parseMetricsAllow(''), null);
  });
});

describe('readiness and outages', () => {
  it('a worker is alive within a few poll periods (at least 15 s) of its last beat; no worker, nothing to watch', () => {
    assert.equal(workerAlive(null, 1000), true);
    assert.equal(workerAlive(14_000, 1000), true);
    assert.equal(workerAlive(16_000, 1000), false);
    assert.equal(workerAlive(40_000, 10_000), true);
    assert.equal(workerAlive(60_000, 10_000), false);
  });

  it('recognises a database that went away, and only that', () => {
    const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });
    assert.equal(isDatabaseUnavailable(wrapped(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))), true);
    assert.equal(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly'))), true);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })), true);
    assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
    assert.equal(isDatabaseUnavailable(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' }))), false);
    assert.equal(isDatabaseUnavailable(new Error('something else')), false);
  });
});
