import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDivisionCode } from '@gridgov/contracts';
import type { Division } from './china-division-source.js';
import { parseCsvLine, readDivisions } from './china-division-source.js';

async function collect(prefix: string): Promise<Division[]> {
  const out: Division[] = [];
  for await (const division of readDivisions(prefix)) out.push(division);
  return out;
}

/** Every code valid, unique, sorted within its level, at its file's level, under a parent already yielded. */
function checkChain(divisions: Division[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const last = new Map<string, string>();
  for (const d of divisions) {
    if (d.code <= (last.get(d.level) ?? '')) problems.push(`${d.code} ${d.name}: out of order`);
    last.set(d.level, d.code);
    const parsed = parseDivisionCode(d.code);
    if (!parsed.ok) problems.push(`${d.code} ${d.name}: ${parsed.reason}`);
    else if (parsed.level !== d.level) problems.push(`${d.code} ${d.name}: level ${parsed.level}, file says ${d.level}`);
    else if (parsed.parentCode !== d.parentCode) problems.push(`${d.code} ${d.name}: parent ${d.parentCode}, code says ${parsed.parentCode}`);
    if (d.parentCode !== null && !seen.has(d.parentCode)) problems.push(`${d.code} ${d.name}: parent ${d.parentCode} not yielded before`);
    if (seen.has(d.code)) problems.push(`${d.code} ${d.name}: duplicate`);
    seen.add(d.code);
  }
  return problems;
}

test('parseCsvLine handles quotes', () => {
  assert.deepEqual(parseCsvLine('110101001001,"多福巷社区居委会",110101001'), ['110101001001', '多福巷社区居委会', '110101001']);
  assert.deepEqual(parseCsvLine('1,"a, ""b""",'), ['1', 'a, "b"', '']);
});

test('reading 430702 (武陵区) yields its ancestors, streets and villages in order', async () => {
  const divisions = await collect('430702');
  assert.deepEqual(divisions.slice(0, 3), [
    { code: '430000000000', name: '湖南省', level: 'province', parentCode: null },
    { code: '430700000000', name: '常德市', level: 'city', parentCode: '430000000000' },
    { code: '430702000000', name: '武陵区', level: 'county', parentCode: '430700000000' },
  ]);
  const count = (level: string) => divisions.filter((d) => d.level === level).length;
  assert.equal(count('township'), 19);
  assert.equal(count('community'), 168);
  assert.ok(divisions.slice(3).every((d) => d.code.startsWith('430702')));
  assert.deepEqual(checkChain(divisions), []);
});

test('prefixes of other lengths, and bad prefixes', async () => {
  const city = await collect('4307');
  assert.equal(city.filter((d) => d.level === 'county').length, 10);
  const street = await collect('430702001');
  assert.deepEqual(street.slice(0, 4).map((d) => d.level), ['province', 'city', 'county', 'township']);
  assert.ok(street.length > 4 && street.slice(4).every((d) => d.level === 'community'));
  await assert.rejects(collect('430'), RangeError);
  await assert.rejects(collect('43x7'), RangeError);
});

test('cities without counties (东莞) and the 金门 placeholders', async () => {
  const dongguan = await collect('4419');
  assert.equal(dongguan.filter((d) => d.code === '441900000000').length, 1);
  assert.ok(dongguan.some((d) => d.code === '441900003000' && d.parentCode === '441900000000'));
  assert.deepEqual(checkChain(dongguan), []);
  const kinmen = await collect('350527');
  assert.deepEqual(kinmen.map((d) => d.code), ['350000000000', '350500000000', '350527000000']);
});

test('every real code in the country passes parseDivisionCode with a consistent chain', async () => {
  const divisions = await collect('');
  assert.ok(divisions.length > 650_000);
  const problems = checkChain(divisions);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} real codes fail`);
});
