/**
 * Holds the query cache of the console and the portal. Failed reads are told through the message
 * bar (unless a query says it shows its failure itself). What one account read is never shown to
 * the next: the cache is emptied when the session ends or another account signs in.
 */
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createQueryClient } from '../api/query-client';
import { useFeedback } from './feedback';
import { useSession } from './session';

export function QueryProvider({ children }: { children: ReactNode }) {
  const feedback = useFeedback();
  const report = useRef(feedback);
  useEffect(() => {
    report.current = feedback;
  }, [feedback]);
  const [client] = useState(() => createQueryClient((error) => report.current.error(error)));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** Inside the session: empties the cache when the signed-in account goes or changes. */
export function SessionCacheGuard() {
  const client = useQueryClient();
  const { me } = useSession();
  const userId = me?.id ?? null;
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current !== null && previous.current !== userId) client.clear();
    previous.current = userId;
  }, [userId, client]);
  return null;
}
