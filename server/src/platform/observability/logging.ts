/**
 * Structured JSON logs (Fastify's pino): one line per request with its request id, the user's
 * id (never a name), the route pattern (`/api/tickets/:id`, never the URL with its ids and
 * query), the status and the duration. Every line passes the redaction layer (redact.ts) on its
 * way out: secret-named fields are replaced while the line is built, secret-shaped text before
 * it is written.
 */
import fs from 'node:fs';
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { redactFields, scrubText, serializeError } from './redact.js';

/** Where log lines go: a text sink pino writes each finished line to. */
export interface LogSink {
  write(line: string): void;
}

/** Appends lines to a file (the log scan's capture); several test processes may share it. */
export function fileSink(file: string): LogSink {
  const fd = fs.openSync(file, 'a');
  return { write: (line) => void fs.writeSync(fd, line) };
}

/** The sink every line passes through: secret-shaped text is replaced before it is written. */
export function scrubbingSink(target: LogSink): LogSink {
  return { write: (line) => target.write(scrubText(line)) };
}

export interface LoggingOptions {
  level: string;
  /** A file the lines are appended to instead of standard output (GRIDGOV_LOG_SCAN). */
  file: string | null;
}

/** The `logger` options of the Fastify app. */
export function loggerOptions(options: LoggingOptions): NonNullable<FastifyServerOptions['logger']> {
  const target: LogSink = options.file ? fileSink(options.file) : { write: (line) => void process.stdout.write(line) };
  return {
    level: options.level,
    stream: scrubbingSink(target),
    // Requests are logged once, on response, by `logRequest`; pino's own req/res lines would
    // carry the URL (ids, query) and headers.
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? '(unmatched)' }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => serializeError(err) as { type: string; message: string; stack: string },
    },
    formatters: {
      log: (object: Record<string, unknown>) => redactFields(object) as Record<string, unknown>,
    },
  };
}

/** The app options that go with `loggerOptions`: the request id's label, no built-in request lines. */
export function requestLogOptions(): Pick<FastifyServerOptions, 'logController'> {
  return { logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }) };
}

/** The route pattern a request matched, or `(unmatched)` (a 404 outside every route). */
export function routePattern(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(unmatched)';
}

/** onResponse: the request's one log line. */
export function logRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const status = reply.statusCode;
  const line = {
    userId: request.ctx?.actor?.id ?? null,
    method: request.method,
    route: routePattern(request),
    status,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
  };
  if (status >= 500) request.log.error(line, 'request');
  else request.log.info(line, 'request');
  done();
}
