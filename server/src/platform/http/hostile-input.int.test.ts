/**
 * Every registered route, walked with hostile input by every kind of signed-in account: a NUL
 * byte or a control character in each query and body string, a malformed id in each path
 * parameter and id field. Nothing may answer 500; a refusal names the field.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { GUARDED_PREFIXES, grants, registeredRoutes, type RouteEntry } from './access.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  default?: Json;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const METHODS = new Set<string>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
/** Streams that never end (server-sent events), and the sign-out that would end the walk. */
const SKIP = new Set(['GET /api/live', 'POST /api/auth/logout']);
const NUL = 'a\u0000b';
const CONTROL = 'a\u001bb';
const MALFORMED_ID = 'not-an-id';

function jsonSchema(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/** A plausible value for a schema: enough to pass validation often, so the hostile field is what is tested. */
function sample(s: JsonSchema, regionCode: string, key = ''): Json {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0] ?? null;
  if (s.default !== undefined) return s.default;
  const options = s.anyOf ?? s.oneOf;
  if (options) return sample(options.find((o) => o.type !== 'null') ?? options[0]!, regionCode);
  if (s.allOf?.[0]) return sample(s.allOf[0], regionCode);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k] ?? {}, regionCode, k);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, regionCode));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-01-15';
      if (s.format === 'date-time') return '2026-01-15T08:00:00Z';
      if (s.pattern === '^\\d{12}$') return regionCode;
      if (/password/i.test(key)) return 'Str0ng#Pass9';
      return 'x'.repeat(Math.max(s.minLength ?? 0, 6));
    default:
      return 'x';
  }
}

/** Every property path of an object schema (nested objects, and the first item of arrays). */
function paths(s: JsonSchema, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 3) return [];
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.flatMap((o) => paths(o, prefix, depth));
  const out: (string | number)[][] = [];
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    out.push([...prefix, key]);
    out.push(...paths(child, [...prefix, key], depth + 1));
  }
  if (s.items) {
    out.push([...prefix, 0]);
    out.push(...paths(s.items, [...prefix, 0], depth + 1));
  }
  return out;
}

function withValue(base: Json, path: (string | number)[], value: Json): Json {
  const root = structuredClone(base) ?? {};
  let at = root as Record<string | number, Json>;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    const next = at[key];
    if (next === null || typeof next !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, Json>;
  });
  return root;
}

interface Probe {
  url: string;
  body?: Json;
  what: string;
  /** For a NUL or control character: the path the refusal must name (`body.name`, `querystring.q`). */
  character?: string;
}

/** Ids of real records by the collection that lists them (`/api/users` → a user's id), so hostile fields reach past "not found". */
type RealIds = Map<string, string | undefined>;

async function realIds(client: Client, routes: RouteEntry[]): Promise<RealIds> {
  const ids: RealIds = new Map();
  for (const route of routes) {
    const m = /^(\/api\/[^:]+?)\/:\w+/.exec(route.url);
    if (!m || ids.has(m[1]!)) continue;
    const res = await client.get<{ items?: { id?: string }[] } | { id?: string }[]>(m[1]!);
    const list = Array.isArray(res.body) ? res.body : (res.body?.items ?? []);
    ids.set(m[1]!, res.status === 200 ? list[0]?.id : undefined);
  }
  return ids;
}

function probes(route: RouteEntry, regionCode: string, ids: RealIds): Probe[] {
  const params = route.url.match(/:\w+/g) ?? [];
  const fill = (hostile?: { name: string; value: string }) =>
    route.url.replace(/:(\w+)/g, (_m, name: string, offset: number) => {
      if (hostile?.name === name) return encodeURIComponent(hostile.value);
      return encodeURIComponent(ids.get(route.url.slice(0, offset - 1)) ?? randomUUID());
    });
  const query = jsonSchema(route.schema.querystring);
  const body = jsonSchema(route.schema.body);
  const baseQuery = query ? (sample(query, regionCode) as Record<string, Json>) : {};
  const baseBody = body ? sample(body, regionCode) : undefined;
  const withQuery = (url: string, q: Record<string, Json>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== null && v !== undefined) search.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    return search.size ? `${url}?${search.toString()}` : url;
  };
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const out: Probe[] = [];
  for (const p of params) {
    for (const value of [MALFORMED_ID, NUL]) {
      out.push({ url: withQuery(fill({ name: p.slice(1), value }), baseQuery), body: hasBody ? (baseBody ?? {}) : undefined, what: `${p}=${JSON.stringify(value)}`, character: value === NUL ? `params.${p.slice(1)}` : undefined });
    }
  }
  for (const key of Object.keys(query?.properties ?? {})) {
    for (const value of [NUL, CONTROL, MALFORMED_ID]) {
      out.push({ url: withQuery(fill(), { ...baseQuery, [key]: value }), body: hasBody ? (baseBody ?? {}) : undefined, what: `?${key}=${JSON.stringify(value)}`, character: value === MALFORMED_ID ? undefined : `querystring.${key}` });
    }
  }
  if (hasBody && body) {
    // One base per value of each top-level choice (a role, a kind), so fields that only matter
    // for one of them (a grid worker's grid) are reached too.
    const bases: Json[] = [baseBody ?? {}];
    for (const [key, prop] of Object.entries(body.properties ?? {})) {
      for (const option of (prop.enum ?? []).slice(1, 8)) bases.push(withValue(baseBody ?? {}, [key], option));
    }
    for (const path of paths(body)) {
      for (const base of bases) {
        for (const value of [NUL, CONTROL, MALFORMED_ID]) {
          out.push({ url: withQuery(fill(), baseQuery), body: withValue(base, path, value), what: `body.${path.join('.')}=${JSON.stringify(value)}`, character: value === MALFORMED_ID ? undefined : `body.${path.join('.')}` });
        }
      }
    }
  }
  if (out.length === 0) out.push({ url: withQuery(fill(), baseQuery), body: hasBody ? (baseBody ?? {}) : undefined, what: 'plain' });
  return out;
}

describe('hostile input on every route', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  // The security admin last: its walk changes the role and status of real accounts.
  const ACCOUNTS: [string, Role][] = [
    ['city_op', 'operator'], ['sysadmin', 'system_admin'], ['auditor', 'auditor'],
    ['handler', 'department_handler'], ['gw1', 'grid_worker'], ['resident1', 'resident'], ['secadmin', 'security_admin'],
  ];

  it('names refuse what is invisible or turns text around; free text keeps the marks of right-to-left writing', async () => {
    const sec = await env.login('secadmin');
    const regionCode = env.seed.city.regions.find((r) => r.level === 'city')!.code;
    for (const displayName of ['张\u200f三', '张\u200b三', 'admin\u202egpj.exe', '张\n三']) {
      const res = await sec.post<{ error: { code: string; details: { path: string }[] } }>('/api/users', {
        username: `u${Math.random().toString(36).slice(2, 8)}`, displayName, role: 'operator', scopeRegionCode: regionCode, password: 'Str0ng#Pass9',
      });
      assert.equal(res.status, 400, JSON.stringify(displayName));
      assert.deepEqual(res.body.error.details.map((d) => d.path), ['body.displayName']);
    }
    const sys = await env.login('sysadmin');
    const grid = env.seed.city.grids[0]!;
    const renamed = await sys.patch<{ error: { details: { path: string }[] } }>(`/api/grids/${env.gridId(grid.code)}`, { name: '\u2067第一网格\u2069' });
    assert.equal(renamed.status, 400);
    assert.deepEqual(renamed.body.error.details.map((d) => d.path), ['body.name']);
    const op = await env.login('community_op');
    const [lon, lat] = gridCentroid(grid);
    const note = await op.post('/api/tickets', { description: 'Mixed text with a mark: \u200fشارع and 路灯', lon, lat, categoryId: env.seed.tickets.categoryIds.get('city.streetlight') });
    assert.notEqual(note.status, 500);
    assert.notEqual((note.body as { error?: { code: string } }).error?.code, 'VALIDATION_FAILED', 'a right-to-left mark in free text is not refused');
  });

  it('never answers 500, and names the field it refuses', async () => {
    const routes = registeredRoutes(env.rt.app).filter((r) => METHODS.has(r.method) && GUARDED_PREFIXES.some((p) => r.url.startsWith(p)) && !SKIP.has(`${r.method} ${r.url}`));
    const regionCode = env.seed.city.regions.find((r) => r.level === 'city')!.code;
    const failures: string[] = [];
    const unnamed: string[] = [];
    let requests = 0;
    for (const [username, role] of ACCOUNTS) {
      let client: Client = await env.login(username);
      const mine = routes.filter((r) => r.access === 'public' || grants(ROLE_PERMISSIONS[role], r.access ?? 'public'));
      const ids = await realIds(client, mine);
      for (const route of mine) {
        // Public routes once is enough.
        if (route.access === 'public' && username !== 'city_op') continue;
        for (const probe of probes(route, regionCode, ids)) {
          requests++;
          let res = await client.request<{ error?: { code: string; details?: unknown } }>(route.method as Method, probe.url, probe.body);
          if (res.status === 401 && route.access !== 'public') {
            client = await env.login(username);
            res = await client.request(route.method as Method, probe.url, probe.body);
          }
          if (res.status >= 500) failures.push(`${username} ${route.method} ${route.url} ${probe.what} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          // Open311 answers in its own error format (a list of code and description), which names no field.
          else if (probe.character && route.url.startsWith('/open311/')) {
            if (res.status !== 400) unnamed.push(`${username} ${route.method} ${route.url} ${probe.what} -> ${res.status}`);
          } else if (probe.character) {
            // Refused before the schema is read, naming exactly the field that carried it.
            const named = res.status === 400 && res.body.error?.code === 'VALIDATION_FAILED' && JSON.stringify(res.body.error.details ?? '').includes(`"path":"${probe.character}"`);
            if (!named) unnamed.push(`${username} ${route.method} ${route.url} ${probe.what} -> ${res.status} ${JSON.stringify(res.body.error?.details ?? res.body).slice(0, 160)}`);
          }
        }
      }
    }
    assert.ok(requests > 2000, `walked ${requests} requests`);
    assert.equal(failures.length, 0, `answered 500:\n${failures.join('\n')}`);
    assert.equal(unnamed.length, 0, `refused without naming the field:\n${unnamed.join('\n')}`);
  });
});
