/**
 * The console's one data-fetching layer (TanStack Query): every read is a query under a key from
 * `keys.ts`, every write a mutation that invalidates the keys it changes. Errors are the
 * client's ApiError; a lost session is already handled by the client (it tells the session,
 * which shows the login page), so such errors are never retried nor reported again here.
 */
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiError, type ApiErrorCode } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: unknown;
    queryMeta: {
      /**
       * The page shows this query's failure itself (an inline alert, an empty picker, a
       * fallback): no message pops up for it.
       */
      silent?: boolean;
      /** Answers the page shows itself (a "not found" page): only other failures pop up. */
      handledCodes?: readonly ApiErrorCode[];
    };
  }
}

/** Failures the session shows in its own way, never in the message bar. */
const SESSION_ANSWERS: readonly ApiErrorCode[] = ['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED', 'AUTH_PASSWORD_CHANGE_REQUIRED'];

/** Whether a failed read should be told to the user by the message bar. */
export function isReportable(error: unknown, meta: { silent?: boolean; handledCodes?: readonly ApiErrorCode[] } | undefined): boolean {
  if (meta?.silent) return false;
  // The session answers these itself: the login page, the change-password dialog.
  if (isApiError(error, ...SESSION_ANSWERS)) return false;
  return !(meta?.handledCodes && isApiError(error, ...meta.handledCodes));
}

/** How often a read shed by a busy server (503 OVERLOADED) is asked again: shedding is brief by design. */
const OVERLOADED_RETRIES = 3;

/** Reads are retried once when the network or the server failed (a busy server's refusal a few times), never when the server said no. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'OVERLOADED') return failureCount < OVERLOADED_RETRIES;
  if (failureCount >= 1) return false;
  return error.code === 'NETWORK_ERROR' || error.status >= 500;
}

/** A small growing pause before the retry; after a busy server's refusal, about the second it asks for, spread so a page's reads do not return together. */
export function retryDelay(attempt: number, error?: unknown): number {
  if (error instanceof ApiError && error.code === 'OVERLOADED') return 1_000 + Math.floor(Math.random() * 1_000);
  return Math.min(500 * 2 ** attempt, 4_000);
}

/**
 * `report` is told of each failed read not marked `silent` (the page's message bar); refreshes
 * that fail while data is shown are reported too, the data staying on screen.
 */
export function createQueryClient(report: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isReportable(error, query.meta)) report(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay,
        // Officials switch windows all day; a read of a person is audited. Pages refresh on
        // their own timers where figures age (lists, the desk, the dashboard).
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
