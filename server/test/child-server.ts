/**
 * The real server as a child process (`server/src/main.ts`, as `npm start` runs it) on a database
 * of the kind under test, for the crash and failover drills: start it, drive it over HTTP,
 * `kill -9` it, start it again. The database is seeded once by the test (small demo city, no
 * history) so the server skips its own demo seed; files, the audit checkpoint file and keys live
 * in a temporary folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { systemClock } from '../src/platform/clock.js';
import { seedDemo, DEMO_PASSWORD, type DemoSeed } from '../src/modules/demo/seed-demo.js';
import { createTestDatabase, TEST_PII_KEY, usePostgres, type TestDatabase } from './harness.js';

export const METRICS_TOKEN = 'crash-drill-metrics-token';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What it printed (standard output and error). */
  output(): string;
  /** `kill -9`: no shutdown, nothing flushed. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export interface TestBed {
  kind: 'pglite' | 'postgres';
  root: string;
  filesDir: string;
  seed: DemoSeed;
  databaseUrl: string | null;
  env: NodeJS.ProcessEnv;
  /** Starts a server process (on `port`, or a free-looking random one). */
  start(extraEnv?: NodeJS.ProcessEnv): Promise<ServerProcess>;
  /** The database opened by the test itself (PGlite: only while no server runs; it holds the folder). */
  open(): Promise<Database>;
  /** `npm run audit:verify` against the database: its exit status and output. */
  auditVerify(): { status: number | null; output: string };
  close(): Promise<void>;
}

const CHECKPOINT_KEY = Buffer.alloc(32, 9).toString('base64');

export async function createTestBed(options: { leaseMs?: number } = {}): Promise<TestBed> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-drill-'));
  const filesDir = path.join(root, 'files');
  const dataDir = path.join(root, 'pglite');
  const testDb: TestDatabase | null = usePostgres ? await createTestDatabase() : null;
  const open = (): Promise<Database> => (testDb ? testDb.open() : openDatabase({ databaseUrl: null, dataDir }));
  const database = await open();
  const seed = await seedDemo(database.db, systemClock);
  await database.close();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GRIDGOV_MODE: 'demo',
    DATABASE_URL: testDb?.databaseUrl ?? '',
    GRIDGOV_DATA_DIR: dataDir,
    GRIDGOV_FILES_DIR: filesDir,
    GRIDGOV_PII_KEY: TEST_PII_KEY,
    GRIDGOV_AUDIT_CHECKPOINT_FILE: path.join(root, 'audit-checkpoints.jsonl'),
    GRIDGOV_AUDIT_CHECKPOINT_KEY: CHECKPOINT_KEY,
    GRIDGOV_BACKUP_DIR: path.join(root, 'backups'),
    GRIDGOV_JOB_POLL_MS: '100',
    GRIDGOV_JOB_LEASE_MS: String(options.leaseMs ?? 3000),
    GRIDGOV_LOG_LEVEL: 'warn',
    GRIDGOV_METRICS_TOKEN: METRICS_TOKEN,
    GRIDGOV_EXPORT_APPROVAL_ROWS: '1000000',
    // These servers are killed mid-burst to prove durability; admission control would shed part of
    // a burst on a loaded machine (a 503 is not an acknowledgement) and is tested on its own.
    GRIDGOV_ADMISSION_MAX_IN_FLIGHT: '0',
  };
  const children = new Set<ChildProcess>();
  return {
    kind: testDb ? 'postgres' : 'pglite',
    root,
    filesDir,
    seed,
    databaseUrl: testDb?.databaseUrl ?? null,
    env,
    open,
    start: (extraEnv = {}) => startServer({ ...env, ...extraEnv }, children),
    auditVerify() {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], { env, encoding: 'utf8' });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    },
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await testDb?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startServer(env: NodeJS.ProcessEnv, children: Set<ChildProcess>): Promise<ServerProcess> {
  const port = env.GRIDGOV_PORT ? Number(env.GRIDGOV_PORT) : 42000 + Math.floor(Math.random() * 8000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { env: { ...env, GRIDGOV_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${out}`)), 90_000);
    const check = (): void => {
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) while starting:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** A signed-in HTTP client of a server process (a demo account without TOTP). */
export class HttpClient {
  private constructor(
    private readonly base: () => string,
    private readonly cookie: string,
  ) {}

  /** `base` is read at each request: the same session goes on working after a restart. */
  static async login(base: () => string, username: string): Promise<HttpClient> {
    const res = await fetch(`${base()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new HttpClient(base, res.headers.getSetCookie()[0]!.split(';')[0]!);
  }

  async request<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(`${this.base()}${url}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }

  post<T = unknown>(url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request<T>('POST', url, body, headers);
  }

  async upload<T = unknown>(url: string, name: string, data: Buffer): Promise<{ status: number; body: T }> {
    const form = new FormData();
    form.append('file', new Blob([data]), name);
    const res = await fetch(`${this.base()}${url}`, { method: 'POST', headers: { cookie: this.cookie }, body: form });
    return { status: res.status, body: (await res.json()) as T };
  }
}

/** One Prometheus sample of a server process's /metrics. */
export async function metric(base: string, sample: string): Promise<number> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : NaN;
}

/** Polls until `check` answers a value (not undefined), or fails after `ms`. */
export async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>, pollMs = 20): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
