/** Configuration from environment variables. Every variable is listed in the README. */
import path from 'node:path';
import { isIP } from 'node:net';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time-zone.js';
import { parseMetricsAllow, parseMetricsToken } from './observability/metrics-access.js';
import { parseRetentionDays } from './retention/days.js';
import { DEFAULT_ADMISSION, type AdmissionLimits } from './http/admission-limits.js';

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
  /** The raster base map's URL template ({z}/{x}/{y}); null: the maps draw the platform's own streets and places. */
  mapTileUrl: string | null;
  /** An optional raster layer of labels drawn over the base map (天地图's cva_w annotations). */
  mapLabelTileUrl: string | null;
  mapCenter: [number, number];
  logLevel: string;
  /** GRIDGOV_LOG_SCAN: a file the logs are appended to (instead of standard output) for the personal-data scan. */
  logScanFile: string | null;
  /** A bearer token /metrics requires; with neither it nor `metricsAllow`, /metrics is off. */
  metricsToken: string | null;
  /** Client addresses or CIDRs allowed to scrape /metrics. */
  metricsAllow: string[] | null;
  /** How often the job worker looks for due jobs; 0 disables the worker. */
  jobPollMs: number;
  /**
   * How long a job's (and an outbox message's) claim lasts; the worker renews it while the job
   * runs, so another process takes the work over only this long after its worker died.
   */
  jobLeaseMs: number;
  /** Base64 of the 32-byte personal-data master key; see platform/pii/keys.ts. */
  piiKey: string | null;
  /** How many unmasks of personal data one user may make per hour. */
  unmaskPerHour: number;
  /** Reservations and reservation look-ups one client address may make on the portal per 10 minutes; 0: no limit (behind a gateway that limits). */
  reservationsPerIp: number;
  /** Declarations and history look-ups one client address may make on the portal per 10 minutes, counted in the database (all processes); 0: no limit. */
  declarationsPerIp: number;
  /** Declarations one person (document number) may make per day, all sources together; 0: no limit. */
  declarationsPerPerson: number;
  /** Anonymous portal questions one client address may ask per hour, counted in the database (shared by every process); 0: no limit. */
  consultationsPerIp: number;
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
  /** The deployment's IANA time zone: every day boundary, ticket number and default date follows it. */
  timeZone: string;
  /** Where outbox messages are POSTed (JSON); none: messages are kept as `disabled`. */
  smsWebhookUrl: string | null;
  wechatWebhookUrl: string | null;
  /** Where device commands are POSTed (a street-light loudspeaker's text to speak); none: they are kept as `disabled`. */
  deviceGatewayUrl: string | null;
  /** The embedded MQTT broker's port (GRIDGOV_MQTT_PORT, default 1883; `off`: none); unused with `mqttUrl`. */
  mqttPort: number | null;
  /** An external MQTT broker (MQTT_URL: Mosquitto, EMQX...) the platform subscribes to instead of embedding one. */
  mqttUrl: string | null;
  /**
   * NATS with JetStream (GRIDGOV_NATS_URL): the durable log between device ingest and storage
   * past one machine; none: each gateway stores what it receives itself.
   */
  natsUrl: string | null;
  /** The GB/T 28181 registrar's SIP port, UDP and TCP (GRIDGOV_SIP_PORT, default 5060; `off`: none). */
  sipPort: number | null;
  /** The platform's 20-digit GB/T 28181 ID (type 200, GRIDGOV_SIP_ID); its first 10 digits are the SIP domain and Digest realm. */
  sipId: string;
  /** The 20-digit ID of this platform as a GA/T 1400 view library (`SystemTimeObject.VIIDServerID`; `GRIDGOV_VIID_SERVER_ID`). */
  viidServerId: string;
  /** Whether Open311 GET requests answer without an API key (public fields only, free text masked). */
  open311PublicReads: boolean;
  /** The shared secret a real telephony provider sends with its call events (`GRIDGOV_CALLOUT_WEBHOOK_SECRET`); null: the webhook refuses every call. */
  calloutWebhookSecret: string | null;
  /** Where `npm run backup` writes backups and their manifests. */
  backupDir: string;
  /** The backup encryption key (base64 of 32 bytes), or a file holding it; apart from the PII key. */
  backupKey: string | null;
  backupKeyFile: string | null;
  /** The append-only file of signed audit checkpoints (JSON lines); null: no checkpoints. */
  auditCheckpointFile: string | null;
  /** Where each checkpoint is also POSTed (JSON), e.g. another organisation's timestamping service. */
  auditCheckpointUrl: string | null;
  /** How often the audit chain's head is written out. */
  auditCheckpointMinutes: number;
  /** The checkpoint signing key (base64 of 32 bytes), or a file holding it; apart from the PII key. */
  auditCheckpointKey: string | null;
  auditCheckpointKeyFile: string | null;
  /** Days each kind of personal data is kept (GRIDGOV_RETAIN_<KIND>_DAYS), by kind; a kind not set keeps its rule's default. */
  retentionDays: Record<string, number>;
  /** Admission control (overload): the in-flight limit, the classes' reserves, the queue. */
  admission: AdmissionLimits;
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

function timeZoneOf(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_TIME_ZONE;
  if (!isTimeZone(value)) throw new Error(`GRIDGOV_TIME_ZONE: '${value}' is not an IANA time zone such as ${DEFAULT_TIME_ZONE}`);
  return value;
}

/** A listening port, or null for `off`. */
function portOrOff(name: string, value: string | undefined, fallback: number): number | null {
  if (value === 'off') return null;
  const n = int(value, fallback);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${name} must be a port number (0-65535) or 'off', not '${value}'`);
  return n;
}

function sipIdOf(value: string | undefined): string {
  // The demo county's civil code, type 200 (central signalling server), serial 0000001.
  if (value === undefined || value === '') return '43070200002000000001';
  if (!/^\d{20}$/.test(value)) throw new Error(`GRIDGOV_SIP_ID must be a 20-digit GB/T 28181 ID, not '${value}'`);
  return value;
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
    ...mapTiles(env),
    mapCenter: [center[0] ?? 111.69, center[1] ?? 29.03],
    logLevel: env.GRIDGOV_LOG_LEVEL ?? 'info',
    logScanFile: env.GRIDGOV_LOG_SCAN ? path.resolve(env.GRIDGOV_LOG_SCAN) : null,
    metricsToken: parseMetricsToken(env.GRIDGOV_METRICS_TOKEN),
    metricsAllow: parseMetricsAllow(env.GRIDGOV_METRICS_ALLOW),
    jobPollMs: int(env.GRIDGOV_JOB_POLL_MS, 1000),
    jobLeaseMs: Math.max(1000, int(env.GRIDGOV_JOB_LEASE_MS, 60_000)),
    piiKey: env.GRIDGOV_PII_KEY || null,
    unmaskPerHour: int(env.GRIDGOV_UNMASK_PER_HOUR, 30),
    reservationsPerIp: int(env.GRIDGOV_RESERVATIONS_PER_IP, 20),
    declarationsPerIp: int(env.GRIDGOV_DECLARATIONS_PER_IP, 30),
    declarationsPerPerson: int(env.GRIDGOV_DECLARATIONS_PER_PERSON, 5),
    consultationsPerIp: int(env.GRIDGOV_CONSULTATIONS_PER_IP, 5),
    filesDir: path.resolve(env.GRIDGOV_FILES_DIR ?? 'data/files'),
    exportApprovalRows: int(env.GRIDGOV_EXPORT_APPROVAL_ROWS, 1000),
    unmaskedExportRowsPerDay: int(env.GRIDGOV_UNMASKED_EXPORT_ROWS_PER_DAY, 5000),
    importMaxBytes: int(env.GRIDGOV_IMPORT_MAX_MB, 200) * 1024 * 1024,
    importMaxRows: int(env.GRIDGOV_IMPORT_MAX_ROWS, 1_000_000),
    reopenDays: int(env.GRIDGOV_REOPEN_DAYS, 7),
    timeZone: timeZoneOf(env.GRIDGOV_TIME_ZONE),
    smsWebhookUrl: env.GRIDGOV_SMS_WEBHOOK_URL || null,
    wechatWebhookUrl: env.GRIDGOV_WECHAT_WEBHOOK_URL || null,
    deviceGatewayUrl: env.GRIDGOV_DEVICE_GATEWAY_URL || null,
    mqttPort: portOrOff('GRIDGOV_MQTT_PORT', env.GRIDGOV_MQTT_PORT, 1883),
    mqttUrl: env.MQTT_URL || null,
    natsUrl: env.GRIDGOV_NATS_URL || null,
    sipPort: portOrOff('GRIDGOV_SIP_PORT', env.GRIDGOV_SIP_PORT, 5060),
    sipId: sipIdOf(env.GRIDGOV_SIP_ID),
    viidServerId: viidServerId(env.GRIDGOV_VIID_SERVER_ID),
    open311PublicReads: env.GRIDGOV_OPEN311_PUBLIC_READS !== 'false',
    calloutWebhookSecret: env.GRIDGOV_CALLOUT_WEBHOOK_SECRET || null,
    ...operations(env),
    admission: admissionOf(env),
    retentionDays: parseRetentionDays(env),
  };
}

/** GRIDGOV_ADMISSION_*: admission control under overload (docs/operations.md, "Overload"). */
export function admissionOf(env: NodeJS.ProcessEnv): AdmissionLimits {
  const d = DEFAULT_ADMISSION;
  const whole = (name: string, fallback: number, min: number) => {
    const n = int(env[`GRIDGOV_ADMISSION_${name}`], fallback);
    if (!Number.isInteger(n) || n < min) throw new Error(`GRIDGOV_ADMISSION_${name} must be a whole number of at least ${min}, not ${n}`);
    return n;
  };
  const limits: AdmissionLimits = {
    maxInFlight: whole('MAX_IN_FLIGHT', d.maxInFlight, 0),
    reserve: {
      'sign-in': whole('RESERVE_SIGN_IN', d.reserve['sign-in'], 0),
      console: whole('RESERVE_CONSOLE', d.reserve.console, 0),
      intake: whole('RESERVE_INTAKE', d.reserve.intake, 0),
      jobs: whole('RESERVE_JOBS', d.reserve.jobs, 0),
    },
    queueLength: whole('QUEUE', d.queueLength, 0),
    queueMs: whole('QUEUE_MS', d.queueMs, 1),
    intakeQueueMs: whole('INTAKE_QUEUE_MS', d.intakeQueueMs, 1),
    targetMs: whole('TARGET_MS', d.targetMs, 1),
    retryAfterSeconds: whole('RETRY_AFTER_S', d.retryAfterSeconds, 1),
    // GRIDGOV_ADMISSION_ADAPTIVE=on: the shared slots follow the latency they cause; otherwise a
    // static shared limit (maxInFlight less the reserves).
    adaptive:
      env.GRIDGOV_ADMISSION_ADAPTIVE !== 'on' || !d.adaptive
        ? null
        : {
            ...d.adaptive,
            latencyTargetMs: whole('LATENCY_TARGET_MS', d.adaptive.latencyTargetMs, 1),
            loopDelayTargetMs: whole('LOOP_DELAY_TARGET_MS', d.adaptive.loopDelayTargetMs, 1),
          },
  };
  const reserved = Object.values(limits.reserve).reduce((a, b) => a + b, 0);
  if (limits.maxInFlight > 0 && reserved >= limits.maxInFlight) {
    throw new Error(`GRIDGOV_ADMISSION_MAX_IN_FLIGHT (${limits.maxInFlight}) must be above the reserves together (${reserved})`);
  }
  return limits;
}

/** 天地图 (Tianditu) web-mercator layers: vec_w (streets) and cva_w (Chinese labels), with the deployment's key. */
export function tiandituUrl(layer: 'vec' | 'cva', key: string): string {
  return `https://t0.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
}

/** The tile service: a URL template of the city's own (and its label layer), else 天地图 with a key, else none. */
function mapTiles(env: NodeJS.ProcessEnv): Pick<Config, 'mapTileUrl' | 'mapLabelTileUrl'> {
  const own = env.GRIDGOV_MAP_TILE_URL || null;
  const key = env.GRIDGOV_TIANDITU_KEY || null;
  if (own) return { mapTileUrl: own, mapLabelTileUrl: env.GRIDGOV_MAP_LABEL_TILE_URL || null };
  if (key) return { mapTileUrl: tiandituUrl('vec', key), mapLabelTileUrl: tiandituUrl('cva', key) };
  return { mapTileUrl: null, mapLabelTileUrl: null };
}

/** Backups and audit anchoring (docs/operations.md). */
function operations(env: NodeJS.ProcessEnv): Pick<Config, 'backupDir' | 'backupKey' | 'backupKeyFile' | 'auditCheckpointFile' | 'auditCheckpointUrl' | 'auditCheckpointMinutes' | 'auditCheckpointKey' | 'auditCheckpointKeyFile'> {
  const checkpointFile = env.GRIDGOV_AUDIT_CHECKPOINT_FILE ?? 'data/audit-checkpoints.jsonl';
  const minutes = int(env.GRIDGOV_AUDIT_CHECKPOINT_MINUTES, 5);
  if (minutes <= 0) throw new Error(`GRIDGOV_AUDIT_CHECKPOINT_MINUTES must be above 0, not ${minutes}`);
  return {
    backupDir: path.resolve(env.GRIDGOV_BACKUP_DIR ?? 'data/backups'),
    backupKey: env.GRIDGOV_BACKUP_KEY || null,
    backupKeyFile: env.GRIDGOV_BACKUP_KEY_FILE ? path.resolve(env.GRIDGOV_BACKUP_KEY_FILE) : null,
    auditCheckpointFile: checkpointFile === '' || checkpointFile === 'off' ? null : path.resolve(checkpointFile),
    auditCheckpointUrl: env.GRIDGOV_AUDIT_CHECKPOINT_URL || null,
    auditCheckpointMinutes: minutes,
    auditCheckpointKey: env.GRIDGOV_AUDIT_CHECKPOINT_KEY || null,
    auditCheckpointKeyFile: env.GRIDGOV_AUDIT_CHECKPOINT_KEY_FILE ? path.resolve(env.GRIDGOV_AUDIT_CHECKPOINT_KEY_FILE) : null,
  };
}

/** The view library's own 20-digit ID: a Changde server (type 206, database) unless the deployment names its own. */
function viidServerId(value: string | undefined): string {
  const id = value?.trim() || '43070200002060000001';
  if (!/^\d{20}$/.test(id)) throw new Error(`GRIDGOV_VIID_SERVER_ID must be 20 digits, not '${id}'`);
  return id;
}
