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

let passwordChangeHandler: (() => void) | null = null;

/** The session registers here to be told when the server wants the password changed first. */
export function setPasswordChangeHandler(handler: (() => void) | null): void {
  passwordChangeHandler = handler;
}

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
  /** A multipart body (file uploads); sent as is, the browser sets the boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /** Auth endpoints handle 401 themselves instead of ending the session. */
  skipSessionCheck?: boolean;
  /** More headers (an Idempotency-Key for a replayable submission). */
  headers?: Record<string, string>;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers, Accept: accept, 'Accept-Language': getLocale() };
  let body: string | FormData | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), {
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
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The ApiError of a failed response; a lost session is also told to the session handler. */
function failure(response: Response, parsed: unknown, options: RequestOptions): ApiError {
  const error = isErrorBody(parsed)
    ? new ApiError(parsed.error.code, parsed.error.message, response.status, parsed.error.details, parsed.error.requestId)
    : new ApiError('UNEXPECTED_RESPONSE', fallbackMessage('UNEXPECTED_RESPONSE'), response.status);
  if (response.status === 401 && !options.skipSessionCheck && SESSION_GONE.includes(error.code)) {
    unauthorizedHandler?.(error);
  }
  if (error.code === 'AUTH_PASSWORD_CHANGE_REQUIRED') passwordChangeHandler?.();
  return error;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw failure(response, parsed, options);
  if (text && parsed === undefined) {
    throw new ApiError('UNEXPECTED_RESPONSE', fallbackMessage('UNEXPECTED_RESPONSE'), response.status);
  }
  return parsed as T;
}

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition (RFC 5987 filename* first), or the fallback. */
  fileName: string;
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** A file from the API (a GET answered with a binary body); errors come as JSON like any other. */
async function download(path: string, query: Query | undefined, fallbackName: string): Promise<DownloadedFile> {
  const options: RequestOptions = { query };
  const response = await send('GET', path, options, '*/*');
  if (!response.ok) throw failure(response, parseJson(await response.text()), options);
  return { blob: await response.blob(), fileName: fileNameOf(response, fallbackName) };
}

export const api = {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return request<T>('GET', path, { query, signal });
  },
  post<T>(path: string, body?: unknown, options?: Pick<RequestOptions, 'skipSessionCheck' | 'signal' | 'headers'>): Promise<T> {
    return request<T>('POST', path, { body: body ?? {}, ...options });
  },
  patch<T>(path: string, body: unknown): Promise<T> {
    return request<T>('PATCH', path, { body });
  },
  put<T>(path: string, body: unknown): Promise<T> {
    return request<T>('PUT', path, { body });
  },
  delete<T>(path: string): Promise<T> {
    return request<T>('DELETE', path);
  },
  /** POSTs one file as multipart/form-data (field `file`). */
  upload<T>(path: string, file: File, query?: Query, options?: Pick<RequestOptions, 'headers'>): Promise<T> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { form, query, ...options });
  },
  download(path: string, query: Query | undefined, fallbackName: string): Promise<DownloadedFile> {
    return download(path, query, fallbackName);
  },
};
