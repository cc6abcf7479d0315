/** Configuration from environment variables. Every variable is listed in the README. */
import path from 'node:path';

export type Mode = 'demo' | 'production';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** postgres://... for PostgreSQL; null means the embedded database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  mapTileUrl: string | null;
  mapCenter: [number, number];
  logLevel: string;
  /** How often the job worker looks for due jobs; 0 disables the worker. */
  jobPollMs: number;
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
    sessionIdleMinutes: int(env.GRIDGOV_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.GRIDGOV_SESSION_ABSOLUTE_HOURS, 12),
    mapTileUrl: env.GRIDGOV_MAP_TILE_URL || null,
    mapCenter: [center[0] ?? 111.69, center[1] ?? 29.03],
    logLevel: env.GRIDGOV_LOG_LEVEL ?? 'info',
    jobPollMs: int(env.GRIDGOV_JOB_POLL_MS, 1000),
  };
}
