/**
 * The load driver the HTTP benchmarks share: a child process (never the server's own event
 * loop) that opens keep-alive HTTP/1.1 connections over plain TCP sockets and keeps one request
 * in flight on each (a closed loop, no pipelining), so that the client's own cost stays small
 * next to the server's: Node's `http` client spends about as much CPU a request as the server
 * does, and on 2 cores that would measure the client.
 *
 * `drive(tmp, plan)` writes the plan to a file and runs this module as the child; the child
 * prints one JSON line with the figures. Answers are counted by status, and by the first group
 * of `keyPattern` in the body where it matches (an error code, a colour). A benchmark with its
 * own driver (bench/intake.ts: open loops, sessions) uses `ConnectionPool` and `requestBytes`.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface DrivePlan {
  port: number;
  connections: number;
  method: 'GET' | 'POST';
  /** One request per entry: the paths (GET) or, with `path`, the JSON bodies (POST). */
  paths?: string[];
  path?: string;
  bodies?: string[];
  keyPattern?: string;
}

export interface DriveResult {
  sent: number;
  ms: number;
  perS: number;
  answers: Record<string, number>;
  p50: number;
  p99: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export interface Answer {
  status: number;
  /** The status line and headers, as sent. */
  head: string;
  body: string;
}

/** One keep-alive connection with one request in flight: sends a request, resolves with its answer. */
class Connection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((answer: Answer) => void) | null = null;

  constructor(port: number, onError: (e: Error) => void) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
      this.parse();
    });
    this.socket.on('error', onError);
  }

  send(request: Buffer): Promise<Answer> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }

  private parse(): void {
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) throw new Error(`an answer without content-length: ${head.split('\r\n')[0]}`);
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const body = this.buffer.subarray(end + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const resolve = this.waiting!;
    this.waiting = null;
    resolve({ status: Number(head.slice(9, 12)), head, body });
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Connections to the server: an idle one is reused; with none idle a new one is opened, up to
 * `max`, then requests wait for one (a closed loop of N workers needs N; an open loop opens as
 * many as the answers' latency makes it need).
 */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  private readonly queue: ((c: Connection) => void)[] = [];
  failed: Error | null = null;

  constructor(
    private readonly port: number,
    private readonly max: number,
  ) {}

  async send(request: Buffer): Promise<Answer> {
    const connection = await this.take();
    try {
      return await connection.send(request);
    } finally {
      const waiter = this.queue.shift();
      if (waiter) waiter(connection);
      else this.idle.push(connection);
    }
  }

  private take(): Promise<Connection> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.all.length < this.max) {
      const made = new Connection(this.port, (e) => (this.failed ??= e));
      this.all.push(made);
      return Promise.resolve(made);
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  close(): void {
    for (const c of this.all) c.close();
  }
}

/** The bytes of a GET, or of a POST with a JSON body, on a keep-alive connection. */
export function requestBytes(method: 'GET' | 'POST', urlPath: string, body?: string, headers: Record<string, string> = {}): Buffer {
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  if (method === 'GET') return Buffer.from(`GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n${extra}\r\n`);
  const data = Buffer.from(body ?? '');
  return Buffer.concat([Buffer.from(`POST ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${data.length}\r\n${extra}\r\n`), data]);
}

async function runDriver(file: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as DrivePlan;
  const requests = plan.method === 'GET' ? (plan.paths ?? []).map((p) => requestBytes('GET', p)) : (plan.bodies ?? []).map((b) => requestBytes('POST', plan.path!, b));
  const keyPattern = plan.keyPattern ? new RegExp(plan.keyPattern) : null;
  const answers: Record<string, number> = {};
  const latencies = new Float64Array(requests.length);
  const pool = new ConnectionPool(plan.port, plan.connections);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      while (next < requests.length && !pool.failed) {
        const i = next++;
        const sent = performance.now();
        const { status, body } = await pool.send(requests[i]!);
        latencies[i] = performance.now() - sent;
        const match = keyPattern?.exec(body)?.[1];
        const key = match ? `${status} ${match}` : String(status);
        answers[key] = (answers[key] ?? 0) + 1;
      }
    }),
  );
  const ms = performance.now() - started;
  pool.close();
  if (pool.failed) throw pool.failed;
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(JSON.stringify({ sent: requests.length, ms, perS: (requests.length * 1000) / ms, answers, p50: at(0.5), p99: at(0.99) } satisfies DriveResult));
}

/** Runs the driver in a child process (never spawnSync: the server answers from this process's event loop). */
export async function drive(tmp: string, plan: DrivePlan): Promise<DriveResult> {
  const file = path.join(tmp, `plan-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  fs.rmSync(file, { force: true });
  if (code !== 0) throw new Error(`driver failed: ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as DriveResult;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runDriver(process.argv[2]!);
