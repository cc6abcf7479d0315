/**
 * Words for the live feed's tickets: the number the event carries and the category's name from
 * the category tree. Without ticket:read the feed shows what the events carry.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ticketQueries } from '../../../api/tickets';
import type { FeedItem } from './use-live-feed';

export interface TicketLabel {
  number: string | undefined;
  categoryName: string | undefined;
}

export function useTicketLabels(canRead: boolean): (item: FeedItem) => TicketLabel {
  const { data } = useQuery({ ...ticketQueries.categories(), enabled: canRead, meta: { silent: true } });
  const names = useMemo(() => new Map((data ?? []).map((c) => [c.id, c.name])), [data]);
  return (item) => ({ number: item.number, categoryName: item.categoryId ? names.get(item.categoryId) : undefined });
}
