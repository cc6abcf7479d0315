/** The ticket open in the detail drawer lives in the URL (`?id=`), so a link can open it. */
import { useCallback } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { canOpen, findRoute, pathWithQuery } from '../../../app/routes';
import { ticketPath } from '../../../portal/paths';

export function useOpenTicket(): { openId: string | null; open: (id: string) => void; close: () => void } {
  const location = useLocation();
  const setId = useCallback(
    (id: string | undefined) => {
      const current = Object.fromEntries(location.query.entries());
      navigate(pathWithQuery(location.path, { ...current, id }));
    },
    [location],
  );
  return {
    openId: location.query.get('id'),
    open: useCallback((id: string) => setId(id), [setId]),
    close: useCallback(() => setId(undefined), [setId]),
  };
}

/** Where any ticket can be opened from elsewhere (a notification, a summons). */
export const TICKET_LINK_PATH = '/tickets/all';

/** Where a ticket opens for this user: the console's list with it open, or (a resident) its page in the portal. */
export function ticketLink(id: string, permissions: readonly string[]): string {
  const list = findRoute(TICKET_LINK_PATH);
  return list && canOpen(list, permissions) ? pathWithQuery(TICKET_LINK_PATH, { id }) : ticketPath(id);
}
