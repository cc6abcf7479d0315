/** Configuration from environment variables. Every variable is listed in the README. */
import path from 'node:path';
import { isIP } from 'node:net';

export type Mode = 'demo' | 'production';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** postgres://... for PostgreSQL; null means the embedded database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  secureCookies: boolean;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs, or `loopback`,
   * `linklocal`, `uniquelocal`); false: none, the client is the TCP peer.
   */
  trustProxy: string[] | false;
  /** Who may read the API documentation at /docs/api: anyone, signed-in staff, or nobody (not served). */
  apiDocs: 'public' | 'staff' | 'off';
  /** Failed sign-ins (and enrolment attempts) one client address may make in 15 minutes, across accounts; 0: no limit. */
  signInFailuresPerIp: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  mapTileUrl: string | null;
  mapCenter: [number, number];
  logLevel: string;
  /** How often the job worker looks for due jobs; 0 disables the worker. */
  jobPollMs: number;
  /** Base64 of the 32-byte personal-data master key; see platform/pii/keys.ts. */
  piiKey: string | null;
  /** How many unmasks of personal data one user may make per hour. */
  unmaskPerHour: number;
  /** Where uploads, import error reports and exports are kept (shared storage with several processes). */
  filesDir: string;
  /** A user's exports with more rows than this within 24 hours need a second person's approval. */
  exportApprovalRows: number;
  /**
   * Unmasked rows that may be exported within one scope in 24 hours, by all accounts together
   * (a second account does not add to it), approved or not.
   */
  unmaskedExportRowsPerDay: number;
  /** Limits for imported files. */
  importMaxBytes: number;
  importMaxRows: number;
  /** How many days after closing a reporter may reopen a ticket. */
  reopenDays: number;
  /** Where outbox messages are POSTed (JSON); none: messages are kept as `disabled`. */
  smsWebhookUrl: string | null;
  wechatWebhookUrl: string | null;
  /** Whether Open311 GET requests answer without an API key (public fields only, free text masked). */
  open311PublicReads: boolean;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** GRIDGOV_TRUST_PROXY: a comma-separated list of proxy addresses or CIDRs; empty trusts none. */
export function parseTrustProxy(value: string | undefined): string[] | false {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return false;
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.has(entry) || (family !== 0 && prefixOk && extra === undefined)) continue;
    throw new Error(`GRIDGOV_TRUST_PROXY: '${entry}' is not an address, a CIDR or one of loopback, linklocal, uniquelocal`);
  }
  return entries;
}

function apiDocs(value: string | undefined): Config['apiDocs'] {
  if (value === undefined || value === '') return 'staff';
  if (value === 'public' || value === 'staff' || value === 'off') return value;
  throw new Error(`GRIDGOV_API_DOCS must be 'public', 'staff' or 'off', not '${value}'`);
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`Not a number: ${value}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode: Mode = env.GRIDGOV_MODE === 'production' ? 'production' : 'demo';
  if (env.GRIDGOV_MODE && env.GRIDGOV_MODE !== 'production' && env.GRIDGOV_MODE !== 'demo') {
    throw new Error(`GRIDGOV_MODE must be 'demo' or 'production', not '${env.GRIDGOV_MODE}'`);
  }
  const center = (env.GRIDGOV_MAP_CENTER ?? '111.69,29.03').split(',').map(Number);
  return {
    mode,
    host: env.GRIDGOV_HOST ?? '127.0.0.1',
    port: int(env.GRIDGOV_PORT ?? env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.GRIDGOV_DATA_DIR ?? 'data/pglite'),
    secureCookies: env.GRIDGOV_SECURE_COOKIES ? env.GRIDGOV_SECURE_COOKIES === 'true' : mode === 'production',
    trustProxy: parseTrustProxy(env.GRIDGOV_TRUST_PROXY),
    apiDocs: apiDocs(env.GRIDGOV_API_DOCS),
    signInFailuresPerIp: int(env.GRIDGOV_SIGN_IN_FAILURES_PER_IP, 30),
    sessionIdleMinutes: int(env.GRIDGOV_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.GRIDGOV_SESSION_ABSOLUTE_HOURS, 12),
    mapTileUrl: env.GRIDGOV_MAP_TILE_URL || null,
    mapCenter: [center[0] ?? 111.69, center[1] ?? 29.03],
    logLevel: env.GRIDGOV_LOG_LEVEL ?? 'info',
    jobPollMs: int(env.GRIDGOV_JOB_POLL_MS, 1000),
    piiKey: env.GRIDGOV_PII_KEY || null,
    unmaskPerHour: int(env.GRIDGOV_UNMASK_PER_HOUR, 30),
    filesDir: path.resolve(env.GRIDGOV_FILES_DIR ?? 'data/files'),
    exportApprovalRows: int(env.GRIDGOV_EXPORT_APPROVAL_ROWS, 1000),
    unmaskedExportRowsPerDay: int(env.GRIDGOV_UNMASKED_EXPORT_ROWS_PER_DAY, 5000),
    importMaxBytes: int(env.GRIDGOV_IMPORT_MAX_MB, 200) * 1024 * 1024,
    importMaxRows: int(env.GRIDGOV_IMPORT_MAX_ROWS, 1_000_000),
    reopenDays: int(env.GRIDGOV_REOPEN_DAYS, 7),
    smsWebhookUrl: env.GRIDGOV_SMS_WEBHOOK_URL || null,
    wechatWebhookUrl: env.GRIDGOV_WECHAT_WEBHOOK_URL || null,
    open311PublicReads: env.GRIDGOV_OPEN311_PUBLIC_READS !== 'false',
  };
}
