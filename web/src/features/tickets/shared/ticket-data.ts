/**
 * Reference data every ticket screen needs (categories, departments), read once per session
 * and shared through the query cache; and a clock that ticks for the due-time countdowns.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Department } from '@gridgov/contracts';
import { ticketKeys } from '../../../api/keys';
import { ticketQueries } from '../../../api/tickets';
import { useI18n } from '../../../i18n/i18n';
import { categoryLabel, useCategories } from '../../../shared/fields/ticket-categories';

export { categoryLabel, categoryOptions, categoryTree, useCategories, type CategoryNode, type CategoryOption } from '../../../shared/fields/ticket-categories';

/** A ticket's category name in the console's language (the name the ticket carries until the categories are read). */
export function useCategoryName(): (ticket: { categoryId: string; categoryName: string }) => string {
  const categories = useCategories();
  const { locale } = useI18n();
  return useCallback(
    (ticket) => {
      const found = categories?.find((c) => c.id === ticket.categoryId);
      return found ? categoryLabel(found, locale) : ticket.categoryName;
    },
    [categories, locale],
  );
}

export function useDepartments(): Department[] | null {
  return useQuery({ ...ticketQueries.departments(), meta: { silent: true } }).data ?? null;
}

/** Read the categories again (after the configuration page saved one). */
export function useForgetCategories(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ticketKeys.categories() }), [client]);
}

/** Now, again every `everyMs` (for countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whether a department serves a region: its own region or one above it (as the server checks). */
export function servesRegion(department: Pick<Department, 'regionCode'>, regionCode: string): boolean {
  return regionCode.startsWith(department.regionCode.replace(/0+$/, ''));
}

