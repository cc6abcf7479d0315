/**
 * The one HTTP client of the console. Same-origin requests with the session cookie; errors
 * become an ApiError carrying the stable code and the message the server localised for the
 * Accept-Language we send.
 */
import type { ErrorBody, ErrorCode } from '@gridgov/contracts';
import { getLocale } from '../i18n/locale';

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(code: ApiErrorCode, message: string, status: number, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type UnauthorizedHandler = (error: ApiError) => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** The session registers here to be told when the server says the session is gone. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

const SESSION_GONE: readonly ApiErrorCode[] = ['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED'];

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/api${path}?${search}` : `/api${path}`;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function fallbackMessage(code: 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE'): string {
  const zh = getLocale() !== 'en';
  if (code === 'NETWORK_ERROR') return zh ? '无法连接服务器，请检查网络' : 'Cannot reach the server; check the connection';
  return zh ? '服务器返回了无法识别的响应' : 'The server sent an unexpected response';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Auth endpoints handle 401 themselves instead of ending the session. */
  skipSessionCheck?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK_ERROR', fallbackMessage('NETWORK_ERROR'), 0);
  }

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const error = isErrorBody(parsed)
      ? new ApiError(parsed.error.code, parsed.error.message, response.status, parsed.error.details, parsed.error.requestId)
      : new ApiError('UNEXPECTED_RESPONSE', fallbackMessage('UNEXPECTED_RESPONSE'), response.status);
    if (response.status === 401 && !options.skipSessionCheck && SESSION_GONE.includes(error.code)) {
      unauthorizedHandler?.(error);
    }
    throw error;
  }
  if (text && parsed === undefined) {
    throw new ApiError('UNEXPECTED_RESPONSE', fallbackMessage('UNEXPECTED_RESPONSE'), response.status);
  }
  return parsed as T;
}

export const api = {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return request<T>('GET', path, { query, signal });
  },
  post<T>(path: string, body?: unknown, options?: Pick<RequestOptions, 'skipSessionCheck'>): Promise<T> {
    return request<T>('POST', path, { body: body ?? {}, ...options });
  },
  patch<T>(path: string, body: unknown): Promise<T> {
    return request<T>('PATCH', path, { body });
  },
  delete<T>(path: string): Promise<T> {
    return request<T>('DELETE', path);
  },
};
