/**
 * Words for the live feed's tickets: the number the event carries and the category's name from
 * the category tree. Without ticket:read the feed shows what the events carry.
 */
import { useEffect, useState } from 'react';
import { ticketsApi } from '../../../api/tickets';
import type { FeedItem } from './use-live-feed';

export interface TicketLabel {
  number: string | undefined;
  categoryName: string | undefined;
}

export function useTicketLabels(canRead: boolean): (item: FeedItem) => TicketLabel {
  const [categories, setCategories] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!canRead) return;
    const controller = new AbortController();
    ticketsApi
      .categories(controller.signal)
      .then((answer) => setCategories(new Map(answer.items.map((c) => [c.id, c.name]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [canRead]);

  return (item) => ({ number: item.number, categoryName: item.categoryId ? categories.get(item.categoryId) : undefined });
}
