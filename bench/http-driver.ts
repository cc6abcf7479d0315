/**
 * The load driver the HTTP benchmarks share: a child process (never the server's own event
 * loop) that opens keep-alive HTTP/1.1 connections over plain TCP sockets and keeps one request
 * in flight on each (a closed loop, no pipelining), so that the client's own cost stays small
 * next to the server's: Node's `http` client spends about as much CPU a request as the server
 * does, and on 2 cores that would measure the client.
 *
 * `drive(tmp, plan)` writes the plan to a file and runs this module as the child; the child
 * prints one JSON line with the figures. Answers are counted by status, and by the first group
 * of `keyPattern` in the body where it matches (an error code, a colour).
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

/** One connection: sends a request, resolves with the status and body of its answer. */
class Connection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((answer: { status: number; body: string }) => void) | null = null;

  constructor(port: number, onError: (e: Error) => void) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
      this.parse();
    });
    this.socket.on('error', onError);
  }

  send(request: Buffer): Promise<{ status: number; body: string }> {
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
    const status = Number(head.slice(9, 12));
    const body = this.buffer.subarray(end + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const resolve = this.waiting!;
    this.waiting = null;
    resolve({ status, body });
  }

  close(): void {
    this.socket.destroy();
  }
}

async function runDriver(file: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as DrivePlan;
  const requests = (plan.paths ?? plan.bodies ?? []).map((entry) => {
    if (plan.method === 'GET') return Buffer.from(`GET ${entry} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    const body = Buffer.from(entry);
    return Buffer.concat([Buffer.from(`POST ${plan.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  });
  const keyPattern = plan.keyPattern ? new RegExp(plan.keyPattern) : null;
  const answers: Record<string, number> = {};
  const latencies = new Float64Array(requests.length);
  let failed: Error | null = null;
  const connections = Array.from({ length: plan.connections }, () => new Connection(plan.port, (e) => (failed = e)));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < requests.length && !failed) {
        const i = next++;
        const sent = performance.now();
        const { status, body } = await connection.send(requests[i]!);
        latencies[i] = performance.now() - sent;
        const match = keyPattern?.exec(body)?.[1];
        const key = match ? `${status} ${match}` : String(status);
        answers[key] = (answers[key] ?? 0) + 1;
      }
    }),
  );
  const ms = performance.now() - started;
  for (const c of connections) c.close();
  if (failed) throw failed;
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
