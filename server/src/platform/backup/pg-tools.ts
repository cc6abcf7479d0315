/**
 * PostgreSQL's own tools (pg_dump, pg_restore from Debian's postgresql-client), run with the
 * connection in environment variables, so no password shows in the process list.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BackupError } from './crypto.js';

export function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSSLMODE', 'DATABASE_URL']) delete env[name];
  const host = u.searchParams.get('host') ?? u.hostname;
  if (host) env.PGHOST = decodeURIComponent(host);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** The URL without its password, for messages and manifests. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export interface Tool {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the tool exits 0; rejects with its error output otherwise. */
  done: Promise<void>;
}

export function runTool(command: 'pg_dump' | 'pg_restore', args: string[], url: string): Tool {
  const child = spawn(command, args, { env: pgEnv(url), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 20_000) stderr += d;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new BackupError('BACKUP_FAILED', error.code === 'ENOENT' ? `${command} is not installed (Debian: apt-get install postgresql-client)` : `${command}: ${error.message}`)),
    );
    child.once('close', (code) => (code === 0 ? resolve() : reject(new BackupError('BACKUP_FAILED', `${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
  return { child, done };
}
