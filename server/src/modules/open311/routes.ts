/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions, requests
 * (POST and GET), one request and tokens, each in JSON or XML by the file extension. A scope of
 * its own: form bodies, errors as a GeoReport list and "not found" the GeoReport way. Every route
 * is public to the session check; the api_key check is done here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock.js';
import type { Mode } from '../../platform/config.js';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import type { TicketDeps } from '../tickets/deps.js';
import { authenticateApiKey, type ApiClient } from './api-clients.js';
import { badRequest, fromAppError, fromHttpError, INTERNAL_ERROR, notFound311, Open311Error } from './errors.js';
import { fileServiceRequest } from './file-service-request.js';
import { getRequest, listRequests, requestOfToken, type Reader } from './requests.js';
import {
  fileParams, FORMATS, gatherParams, issueDescriptions, keyQuery, parseForm, postRequestParams, requestsQuery, splitFile, WINDOW_DAYS,
  type Format, type RequestsQueryParams,
} from './schemas.js';
import { findService, loadServices, serviceDefinition } from './services.js';
import { toXml, type XmlValue } from './xml.js';

export interface Open311Options {
  tickets: TicketDeps;
  clock: Clock;
  mode: Mode;
  /** Whether GET requests answer without an API key (GeoReport v2 needs none to read). */
  publicReads: boolean;
  /** POST requests per client and minute. */
  postsPerMinute?: number;
  /** Keyless reads per address and minute. */
  readsPerMinute?: number;
}

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this API last changed. */
export const CHANGESET = '2026-11-23T00:00:00Z';
const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };
const DAY_MS = 24 * 3600_000;

function send(reply: FastifyReply, format: Format, root: string, body: XmlValue, status = 200): FastifyReply {
  void reply.status(status).header('content-type', CONTENT_TYPES[format]);
  return reply.send(format === 'xml' ? toXml(root, body) : JSON.stringify(body));
}

/** The format of any /open311 URL from its extension; JSON when it has none we know. */
function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

function fileOf(file: string): { name: string; format: Format } {
  const parsed = splitFile(file);
  if (!parsed) throw notFound311('Not found: add .json or .xml to the path');
  return parsed;
}

function toOpen311Error(error: FastifyError | Error, request: FastifyRequest): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError) return fromAppError(error);
  const e = error as FastifyError;
  if (e.validation) return badRequest(e.validation.map((v) => `${v.instancePath.replace(/^\//, '') || e.validationContext || 'request'}: ${v.message ?? 'is not valid'}`));
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return fromHttpError(e.statusCode, e.message);
  request.log.error(error);
  return INTERNAL_ERROR;
}

/** The request window: the spec's default of the last 90 days, and never longer. */
function requestWindow(q: RequestsQueryParams, now: Date): { start: Date; end: Date } {
  const end = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + WINDOW_DAYS * DAY_MS) : now);
  const start = q.start_date ?? new Date(end.getTime() - WINDOW_DAYS * DAY_MS);
  if (start > end) throw badRequest('start_date must not be after end_date');
  if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY_MS) throw badRequest(`start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  return { start, end };
}

export const open311Routes: FastifyPluginAsyncZod<Open311Options> = async (app, options) => {
  const { tickets, clock, mode } = options;
  const db = tickets.db;
  const posts = new RateLimiter(options.postsPerMinute ?? 60, 60_000, clock);
  const authenticate = (key: string | undefined): Promise<ApiClient> => authenticateApiKey(db, key, { allowDemo: mode === 'demo' });
  const keylessReads = new RateLimiter(options.readsPerMinute ?? 120, 60_000, clock);
  /**
   * Who reads: a key's client sees its region; without a key (as the specification allows) every
   * public request of the deployment, unless the deployment switched keyless reads off. A key
   * that is given must be valid.
   */
  const reader = async (key: string | undefined, ip: string): Promise<Reader> => {
    if (key !== undefined || !options.publicReads) return { regionCode: (await authenticate(key)).regionCode };
    keylessReads.hit(ip);
    return {};
  };
  const tags = ['open311'];
  const config = { access: 'public' as const };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
    done(null, parseForm(String(body)));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const e = toOpen311Error(error, request);
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      const details = error.details as { retryAfterSeconds?: number } | undefined;
      if (details?.retryAfterSeconds) void reply.header('retry-after', String(details.retryAfterSeconds));
    }
    return send(reply, formatOfUrl(request.url), 'errors', e.entries, e.status);
  });
  app.setNotFoundHandler((request, reply) => {
    const e = notFound311('Not found: see /open311/v2/discovery.json for the endpoints');
    return send(reply, formatOfUrl(request.url), 'errors', e.entries, 404);
  });

  for (const format of FORMATS) {
    app.get(`/v2/discovery.${format}`, {
      config,
      schema: { tags, summary: 'GeoReport v2 discovery' },
      handler: (req, reply) =>
        send(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact: 'GridGov 智慧网格治理平台: contact the platform operator of this city',
          key_service: 'Ask the platform operator for an API key (created with npm run open311:create-client)',
          endpoints: [
            {
              specification: SPECIFICATION,
              url: `${req.protocol}://${req.host}/open311/v2`,
              changeset: CHANGESET,
              type: mode === 'production' ? 'production' : 'test',
              formats: ['text/xml', 'application/json'],
            },
          ],
        }),
    });

    app.get(`/v2/services.${format}`, {
      config,
      schema: { tags, summary: 'Services: one per active leaf ticket category', querystring: keyQuery },
      handler: async (_req, reply) => send(reply, format, 'services', (await loadServices(db)).map((s) => s.service)),
    });

    app.post(`/v2/requests.${format}`, {
      config,
      schema: {
        tags,
        summary: 'File a service request (form-encoded or JSON; api_key required)',
        description: 'Parameters: api_key, service_code, lat and long or address_string or address_id, description, attribute[code]=value, first_name, last_name, phone, email, media_url. See docs/open311.md.',
      },
      handler: async (req, reply) => {
        const { params, attributes } = gatherParams(req.query, req.body);
        const client = await authenticate(typeof params.api_key === 'string' ? params.api_key : undefined);
        posts.hit(client.id);
        const parsed = postRequestParams.safeParse(params);
        if (!parsed.success) throw badRequest(issueDescriptions(parsed.error));
        const p = parsed.data;
        if ((p.lat === undefined) !== (p.long === undefined)) throw badRequest('lat and long must be given together');
        const filed = await fileServiceRequest(tickets, { ...systemContext(req.ctx.clock, 'open311'), ip: req.ip }, client, {
          serviceCode: p.service_code,
          lat: p.lat,
          long: p.long,
          addressString: p.address_string,
          addressId: p.address_id,
          description: p.description,
          attributes,
          firstName: p.first_name,
          lastName: p.last_name,
          phone: p.phone,
          mediaUrl: p.media_url,
        });
        return send(reply, format, 'service_requests', [filed]);
      },
    });

    app.get(`/v2/requests.${format}`, {
      config,
      schema: { tags, summary: 'Service requests in the api_key\'s region, newest first (page/page_size extension)', querystring: requestsQuery },
      handler: async (req, reply) => {
        const q = req.query;
        const found = await listRequests(db, await reader(q.api_key, req.ip), {
          ids: q.service_request_id,
          serviceCodes: q.service_code,
          statuses: q.status as ('open' | 'closed')[] | undefined,
          ...(q.service_request_id ? { start: new Date(0), end: new Date(0) } : requestWindow(q, req.ctx.clock.now())),
          page: q.page,
          pageSize: q.page_size,
        });
        return send(reply, format, 'service_requests', found);
      },
    });
  }

  app.get('/v2/services/:file', {
    config,
    schema: { tags, summary: 'A service definition: the attributes of a service (services/{service_code}.json or .xml)', params: fileParams, querystring: keyQuery },
    handler: async (req, reply) => {
      const { name, format } = fileOf(req.params.file);
      const entry = await findService(db, name);
      if (!entry) throw notFound311(`service_code ${name} was not found`);
      return send(reply, format, 'service_definition', serviceDefinition(entry));
    },
  });

  app.get('/v2/requests/:file', {
    config,
    schema: { tags, summary: 'One service request by its id (requests/{service_request_id}.json or .xml)', params: fileParams, querystring: keyQuery },
    handler: async (req, reply) => {
      const { name, format } = fileOf(req.params.file);
      return send(reply, format, 'service_requests', [await getRequest(db, await reader(req.query.api_key, req.ip), name)]);
    },
  });

  app.get('/v2/tokens/:file', {
    config,
    schema: { tags, summary: 'The service_request_id of a token (tokens/{token}.json or .xml; the token is the one POST answered)', params: fileParams, querystring: keyQuery },
    handler: async (req, reply) => {
      const { name, format } = fileOf(req.params.file);
      return send(reply, format, 'service_requests', [await requestOfToken(db, await reader(req.query.api_key, req.ip), name)]);
    },
  });
};
