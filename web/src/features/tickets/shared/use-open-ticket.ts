/** The ticket open in the detail drawer lives in the URL (`?id=`), so a link can open it. */
import { useCallback } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { pathWithQuery } from '../../../app/routes';

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
