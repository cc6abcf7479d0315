/**
 * A consistent copy of an embedded database while its server runs. PGlite lives inside one
 * process, which holds the data folder's lock; copying the live folder byte by byte would catch
 * files half-written. So the process that holds the folder answers on a Unix socket beside it
 * (`<data dir>.backup.sock`, mode 0600: whoever may read the folder may ask) with PGlite's own
 * `dumpDataDir()`, taken after a CHECKPOINT and between transactions (while holding PGlite's
 * transaction lock, so no transaction is half-way). `npm run backup` reads the tarball from there
 * and encrypts it; nothing else is served on the socket.
 *
 * Protocol: the client writes `DUMP\n`; the server answers `OK <bytes>\n` and the tarball, or
 * `ERR <message>\n`. Once the backup is written and verified, the client writes
 * `AUDIT <base64 of the manifest's audit entry>\n` and the server appends it to its audit chain
 * (only a `backup.create` entry) and answers `OK\n` (or `ERR`): the folder's holder is the only
 * process that may write to it.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { AuditInput } from '../audit/write-audit.js';

/** Writes a backup's audit entry into the served database. */
export type BackupAuditWriter = (input: AuditInput) => Promise<void>;
const MAX_REQUEST = 16 * 1024;

export function backupSocketPath(dataDir: string): string {
  return `${dataDir}.backup.sock`;
}

async function dumpTarball(client: PGlite): Promise<Blob> {
  // Flushes the buffers first, so the copy needs little recovery when it is opened.
  await client.exec('checkpoint');
  // Holding the transaction lock, the dump cannot fall between two statements of a transaction
  // (a statement outside transactions takes this lock too: nothing else needs it inside).
  return client._runExclusiveTransaction(() => client.dumpDataDir('none'));
}

/** Serves dumps of `client` on the socket; resolves to the function that stops serving. */
export async function serveDataDirDumps(client: PGlite, socketPath: string, writeAudit?: BackupAuditWriter): Promise<() => Promise<void>> {
  // The caller holds the folder's lock: a socket file left by a killed process is stale.
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let request = '';
    socket.setEncoding('latin1');
    socket.on('error', () => socket.destroy());
    socket.on('data', (data: string) => {
      request += data;
      if (!request.includes('\n')) {
        if (request.length > MAX_REQUEST) socket.end('ERR bad request\n');
        return;
      }
      socket.removeAllListeners('data');
      const line = request.slice(0, request.indexOf('\n'));
      if (line.startsWith('AUDIT ')) {
        answerAudit(line.slice(6), writeAudit).then((answer) => socket.end(answer), () => socket.destroy());
        return;
      }
      if (line.trim() !== 'DUMP') {
        socket.end('ERR unknown request\n');
        return;
      }
      dumpTarball(client).then(
        async (blob) => {
          socket.write(`OK ${blob.size}\n`);
          for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
            if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
          }
          socket.end();
        },
        (error: unknown) => socket.end(`ERR ${error instanceof Error ? error.message.replace(/\n/g, ' ') : 'dump failed'}\n`),
      ).catch(() => socket.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socketPath, { force: true });
    });
}

async function answerAudit(encoded: string, writeAudit: BackupAuditWriter | undefined): Promise<string> {
  if (!writeAudit) return 'ERR this process does not write backup audit entries\n';
  let input: AuditInput;
  try {
    input = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as AuditInput;
  } catch {
    return 'ERR bad audit entry\n';
  }
  if (input?.action !== 'backup.create') return 'ERR only backup.create entries are written here\n';
  try {
    await writeAudit(input);
    return 'OK\n';
  } catch (error) {
    return `ERR ${error instanceof Error ? error.message.replace(/\n/g, ' ') : 'audit failed'}\n`;
  }
}

/** Asks the process holding the folder to append a backup's audit entry to its chain. */
export async function requestBackupAudit(socketPath: string, input: AuditInput): Promise<void> {
  const socket = net.createConnection(socketPath);
  let answer = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (answer += data));
    socket.once('end', () => resolve());
    socket.once('connect', () => socket.write(`AUDIT ${Buffer.from(JSON.stringify(input)).toString('base64')}\n`));
  });
  socket.destroy();
  if (answer.trim() !== 'OK') throw new Error(`the server did not record the backup in its audit log: ${answer.trim().replace(/^ERR /, '')}`);
}

/** Asks the process holding the folder for a dump: the tarball's bytes as they arrive. */
export async function* requestDataDirDump(socketPath: string): AsyncGenerator<Buffer> {
  const socket = net.createConnection(socketPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write('DUMP\n');
  let head = Buffer.alloc(0);
  let expected = -1;
  let received = 0;
  try {
    for await (const piece of socket as AsyncIterable<Buffer>) {
      if (expected < 0) {
        head = Buffer.concat([head, piece]);
        const newline = head.indexOf(10);
        if (newline < 0) continue;
        const line = head.subarray(0, newline).toString('utf8');
        if (line.startsWith('ERR ')) throw new Error(`the server could not dump its database: ${line.slice(4)}`);
        const match = /^OK (\d+)$/.exec(line);
        if (!match) throw new Error(`unexpected answer on ${socketPath}: ${line.slice(0, 80)}`);
        expected = Number(match[1]);
        const rest = head.subarray(newline + 1);
        received += rest.length;
        if (rest.length) yield rest;
        continue;
      }
      received += piece.length;
      yield piece;
    }
  } finally {
    socket.destroy();
  }
  if (expected < 0 || received !== expected) throw new Error(`the dump from ${socketPath} ended after ${received} of ${expected} bytes`);
}
