/**
 * Integration-test harness: a real database (embedded PGlite by default, PostgreSQL when
 * GRIDGOV_TEST_DB=postgres, each run in its own database), the real app, the demo seed, a
 * manual clock, and an HTTP client with a cookie jar.
 */
import { interiorPoint } from '../src/platform/geo/polygon.js';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { startRuntime, type Runtime } from '../src/runtime.js';
import { seedDemo, DEMO_PASSWORD, type DemoSeed } from '../src/modules/demo/seed-demo.js';
import { totpCode, totpStep } from '../src/platform/auth/totp.js';

export const usePostgres = process.env.GRIDGOV_TEST_DB === 'postgres';
const PG_ADMIN_URL = process.env.GRIDGOV_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  databaseUrl: string | null;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh, empty database of the kind under test. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usePostgres) return { databaseUrl: null, open: () => openDatabase({ databaseUrl: null, dataDir: 'memory' }), drop: async () => undefined };
  const name = `gridgov_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    databaseUrl,
    open: () => openDatabase({ databaseUrl, dataDir: 'memory', poolSize: 5 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // Let closing pools finish first: forcing at once kills connections mid-close, and the
      // test that owns them fails with "terminating connection due to administrator command".
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          await c.query(`drop database if exists ${name}`);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A full ID number or mobile number, not part of a longer token. */
export const FULL_ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
export const FULL_MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
/** The only responses that may carry full personal data: the audited unmask and approved export downloads. */
const PERSONAL_DATA_ALLOWED = /\/unmask$|^\/api\/exports\/[^/]+\/file$/;

/**
 * Every response of the integration suite passes through here: a full ID number or mobile
 * number anywhere else fails the test that made the request.
 */
export function assertNoPersonalData(method: string, url: string, body: string): void {
  const found = FULL_ID_NUMBER.exec(body) ?? FULL_MOBILE.exec(body);
  if (found) throw new Error(`${method} ${url} answered full personal data (${found[0].slice(0, 4)}...): masking failed`);
  const mask = revealingIdMask(body);
  if (mask) throw new Error(`${method} ${url} answered an ID mask that shows more than its first and last two characters (${mask}): it can be reversed`);
  const birth = FULL_BIRTH_DATE.exec(body);
  if (birth) throw new Error(`${method} ${url} answered a full birth date (${birth[0]}): with a masked ID number it narrows the number to a few candidates`);
}

/** A masked ID card number (18 characters, some of them stars). */
const ID_MASK = /(?<![0-9A-Za-z*])[0-9Xx*]{18}(?![0-9A-Za-z*])/g;
/** A full birth date in a response: people show their birth year only (docs/personal-data.md). */
const FULL_BIRTH_DATE = /"birthDate":"\d{4}-\d{2}-\d{2}"/;

/** An ID mask that shows more than 2 leading or 2 trailing characters (the county, or birth date digits). */
export function revealingIdMask(body: string): string | null {
  for (const [token] of body.matchAll(ID_MASK)) {
    if (!token.includes('*')) continue;
    const shownBefore = token.indexOf('*');
    const shownAfter = token.length - 1 - token.lastIndexOf('*');
    if (shownBefore > 2 || shownAfter > 2 || token.replaceAll('*', '').length > 4) return token;
  }
  return null;
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export class Client {
  private cookie: string | null = null;
  constructor(
    private readonly rt: Runtime,
    private readonly locale = 'zh-CN',
  ) {}

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    locale = this.locale,
    /** More request headers (an Idempotency-Key). */
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const res = await this.rt.app.inject({
      method,
      url,
      headers: { 'accept-language': locale, ...headers, ...(this.cookie ? { cookie: this.cookie } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (!PERSONAL_DATA_ALLOWED.test(url.split('?')[0] ?? '')) assertNoPersonalData(method, url, res.body);
    const set = res.cookies.find((c) => c.name === 'gg_sid');
    if (set) this.cookie = set.value ? `gg_sid=${set.value}` : null;
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }
  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  /** A multipart upload of one file named "file". */
  async upload<T = unknown>(url: string, fileName: string, body: Buffer, headers: Record<string, string> = {}): Promise<Response<T>> {
    const boundary = '----gridgovtest';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.rt.app.inject({
      method: 'POST',
      url,
      headers: { 'accept-language': this.locale, ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, ...(this.cookie ? { cookie: this.cookie } : {}) },
      payload,
    });
    assertNoPersonalData('POST', url, res.body);
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      // not JSON
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  post<T = unknown>(url: string, payload?: unknown) {
    return this.request<T>('POST', url, payload ?? {});
  }
  patch<T = unknown>(url: string, payload: unknown) {
    return this.request<T>('PATCH', url, payload);
  }
  put<T = unknown>(url: string, payload: unknown) {
    return this.request<T>('PUT', url, payload);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }
  get sessionCookie(): string | null {
    return this.cookie;
  }
}

export interface TestEnv {
  rt: Runtime;
  clock: ManualClock;
  seed: DemoSeed;
  testDb: TestDatabase;
  client(locale?: string): Client;
  /** Signs in a demo account (with its TOTP code when the role needs one). */
  login(username: string, password?: string): Promise<Client>;
  /**
   * Signs in a new (or reset) account with the password its creator chose, changes it as the
   * server demands before anything else, and signs in again.
   */
  loginChangingPassword(username: string, initialPassword: string): Promise<Client>;
  gridId(code: string): string;
  /** What the server printed on its operator console (enrolment codes of admin accounts). */
  operatorConsole: string[];
  /** The last enrolment code the operator console showed for an account. */
  enrolmentCode(username: string): string;
  /** Opens the client's live feed over a real socket (the app listens on first use). */
  liveStream(client: Client): Promise<LiveStream>;
  close(): Promise<void>;
}

/** A fixed personal-data key for tests: any 32 bytes do. */
export const TEST_PII_KEY = Buffer.alloc(32, 7).toString('base64');

export function testConfig(overrides: Partial<Config> = {}): Config {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-files-'));
  // GRIDGOV_LOG_SCAN (set by `npm test`): every test server logs there, and the run ends with a scan for personal data.
  const logScanFile = process.env.GRIDGOV_LOG_SCAN ? path.resolve(process.env.GRIDGOV_LOG_SCAN) : null;
  // No audit checkpoints unless a test asks for them: the suite must not write into data/.
  return { ...loadConfig({}), logLevel: 'silent', logScanFile, jobPollMs: 0, piiKey: TEST_PII_KEY, filesDir, auditCheckpointFile: null, mqttPort: null, sipPort: null, natsUrl: null, ...overrides };
}

export async function startTestEnv(
  options: { seed?: boolean; /** Also seed the demo registers. */ registers?: boolean; /** Settings that differ from the test defaults. */ config?: Partial<Config> } = {},
): Promise<TestEnv> {
  const testDb = await createTestDatabase();
  const clock = new ManualClock();
  const database = await testDb.open();
  const operatorConsole: string[] = [];
  const rt = await startRuntime(testConfig({ ...options.config, databaseUrl: testDb.databaseUrl }), { clock, database, operatorConsole: { write: (text) => void operatorConsole.push(text) } });
  const seed = options.seed === false ? ({ city: { regions: [], grids: [] }, accounts: [], gridIds: new Map() } as unknown as DemoSeed) : await seedDemo(database.db, clock, options.registers ? { registers: { vault: rt.vault } } : {});
  const env: TestEnv = {
    rt,
    clock,
    seed,
    testDb,
    client: (locale) => new Client(rt, locale),
    async login(username, password = DEMO_PASSWORD) {
      const account = seed.accounts.find((a) => a.username === username);
      const client = new Client(rt);
      let totp: string | undefined;
      if (account?.totpSecret) {
        // A code is accepted once: step past the last one used.
        clock.advance(30_000);
        totp = totpCode(account.totpSecret, totpStep(clock.now()));
      }
      const res = await client.post('/api/auth/login', { username, password, ...(totp ? { totp } : {}) });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
    async loginChangingPassword(username, initialPassword) {
      const first = await env.login(username, initialPassword);
      const newPassword = `${initialPassword}-Own9`;
      const changed = await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword });
      if (changed.status !== 204) throw new Error(`password change of ${username} failed: ${changed.status} ${JSON.stringify(changed.body)}`);
      return env.login(username, newPassword);
    },
    operatorConsole,
    enrolmentCode(username) {
      const notice = operatorConsole.filter((t) => t.includes(`account "${username}"`)).pop();
      const code = notice && /code:\s+([A-Z2-7-]+)/.exec(notice)?.[1];
      if (!code) throw new Error(`no enrolment code for ${username} on the operator console`);
      return code;
    },
    async liveStream(client) {
      if (!rt.app.server.listening) await rt.app.listen({ host: '127.0.0.1', port: 0 });
      return openLiveStream(`http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`, client.sessionCookie ?? '');
    },
    gridId(code) {
      const id = seed.gridIds.get(code);
      if (!id) throw new Error(`no grid ${code}`);
      return id;
    },
    async close() {
      await rt.close();
      await testDb.drop();
      fs.rmSync(rt.config.filesDir, { recursive: true, force: true });
    },
  };
  return env;
}

/** A live feed read over a real socket: the events received (parsed), its raw text, and whether the server ended it. */
export interface LiveStream {
  events: { type: string; data: { id?: string; number?: string; scope?: unknown; [key: string]: unknown } }[];
  text(): string;
  ended: Promise<void>;
  close(): void;
}

function openLiveStream(base: string, cookie: string): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/live`, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live feed answered ${res.statusCode}`));
      const events: LiveStream['events'] = [];
      let raw = '';
      let buffer = '';
      const ended = new Promise<void>((done) => res.on('end', done));
      res.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
        buffer += chunk.toString();
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as LiveStream['events'][number]['data'] });
        }
      });
      resolve({ events, text: () => raw, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

/** The centre of a demo grid's polygon (inside it: demo grids are convex). */
/** A point inside the grid (its polygons are irregular, so not the average of its corners). */
export function gridCentroid(g: { boundary: { coordinates: number[][][] } }): [number, number] {
  return interiorPoint(g.boundary.coordinates);
}
