/**
 * The live feed: one EventSource on /api/live (the server already keeps it to the viewer's
 * scope) for as long as the dashboard is open, whatever place it shows. Ticket events are kept
 * newest first (a few more than a panel shows, so drilling into a place still has its recent
 * events); `onEvent` hears each new one as it arrives.
 */
import { useEffect, useRef, useState } from 'react';
import { LIVE_TICKET_EVENTS, LIVE_URL, type LiveEvent } from '../../../api/dashboard';

export interface FeedItem {
  key: string;
  type: (typeof LIVE_TICKET_EVENTS)[number];
  ticketId: string;
  regionCode: string;
  gridId: string | undefined;
  at: string;
  number: string | undefined;
  categoryId: string | undefined;
  emergency: boolean;
  /** ticket.changed: the action taken and the status it led to. */
  action: string | undefined;
  status: string | undefined;
}

export type LiveStatus = 'connecting' | 'open' | 'closed';

/** How many events are kept across places. */
const KEEP = 200;
/** After the browser gives up (the server refused the stream), try again this much later. */
const RETRY_MS = 5_000;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function toFeedItem(type: FeedItem['type'], event: LiveEvent): FeedItem | null {
  if (typeof event.id !== 'string' || typeof event.regionCode !== 'string') return null;
  const data = event.data ?? {};
  const action = str(data.action);
  return {
    key: `${type}:${event.id}:${event.at}:${action ?? ''}`,
    type,
    ticketId: event.id,
    regionCode: event.regionCode,
    gridId: str(event.gridId),
    at: typeof event.at === 'string' ? event.at : new Date().toISOString(),
    number: str(data.number),
    categoryId: str(data.categoryId),
    emergency: data.emergency === true,
    action,
    status: str(data.status),
  };
}

export function useLiveFeed(onEvent: (item: FeedItem) => void): { items: FeedItem[]; status: LiveStatus } {
  const [items, setItems] = useState<FeedItem[]>([]);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const receive = (type: FeedItem['type']) => (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      const item = toFeedItem(type, event);
      if (!item) return;
      setItems((prev) => (prev.some((p) => p.key === item.key) ? prev : [item, ...prev].slice(0, KEEP)));
      listener.current(item);
    };

    const connect = () => {
      if (stopped) return;
      setStatus('connecting');
      source = new EventSource(LIVE_URL);
      source.onopen = () => setStatus('open');
      source.onerror = () => {
        // The browser reconnects by itself unless the server refused (then readyState is CLOSED).
        if (source?.readyState === EventSource.CLOSED) {
          setStatus('closed');
          source.close();
          retry = setTimeout(connect, RETRY_MS);
        } else {
          setStatus('connecting');
        }
      };
      for (const type of LIVE_TICKET_EVENTS) source.addEventListener(type, receive(type));
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  return { items, status };
}
