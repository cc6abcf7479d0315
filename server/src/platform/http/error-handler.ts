/** Turns every error into `{ error: { code, message, details, requestId } }` with a stable code. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage, ERRORS, type ErrorCode } from '@gridgov/contracts';
import { AppError } from '../errors.js';
import { localeOf } from './access.js';

interface Issue {
  path: string;
  message: string;
  code?: string;
  keys?: string[];
}

function validationIssues(error: FastifyError): Issue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [{ path: '', message: error.message }];
  return error.validation.map((v) => {
    const params = v.params as { issue?: { keys?: string[] } };
    const where = [error.validationContext, ...v.instancePath.split('/')].filter(Boolean).join('.');
    return { path: where, message: v.message ?? '', code: v.keyword, keys: params.issue?.keys };
  });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown): void {
  void reply.status(ERRORS[code].status).send({
    error: { code, message: errorMessage(code, localeOf(request)), details, requestId: request.id },
  });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) return sendError(request, reply, error.code, error.details);
  if (error.validation) {
    const issues = validationIssues(error);
    const unknown = issues.some((i) => i.code === 'unrecognized_keys');
    return sendError(request, reply, unknown ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED', issues);
  }
  if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(request, reply, 'VALIDATION_FAILED', [{ path: '', message: error.message }]);
  }
  request.log.error(error);
  sendError(request, reply, 'INTERNAL');
}
