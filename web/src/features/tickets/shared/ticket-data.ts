/**
 * Reference data every ticket screen needs (categories, departments), read once per session
 * and shared through the query cache; and a clock that ticks for the due-time countdowns.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Category, Department } from '@gridgov/contracts';
import { ticketKeys } from '../../../api/keys';
import { ticketQueries } from '../../../api/tickets';

/** All categories (active or not); null while reading. A failure leaves the pickers empty, quietly. */
export function useCategories(): Category[] | null {
  return useQuery({ ...ticketQueries.categories(), meta: { silent: true } }).data ?? null;
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

/** A category with its children, ordered by code. */
export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const sorted = [...categories].sort((a, b) => a.code.localeCompare(b.code));
  const ids = new Set(sorted.map((c) => c.id));
  const build = (parentId: string | null): CategoryNode[] =>
    sorted
      .filter((c) => (parentId === null ? c.parentId === null || !ids.has(c.parentId) : c.parentId === parentId))
      .map((category) => ({ category, children: build(category.id) }));
  return build(null);
}

export interface CategoryOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: CategoryOption[];
}

/** TreeSelect data; inactive categories are left out unless `withInactive`. */
export function categoryOptions(categories: readonly Category[], withInactive = false): CategoryOption[] {
  const toOption = (node: CategoryNode): CategoryOption[] =>
    node.category.active || withInactive
      ? [{ value: node.category.id, title: node.category.name, children: node.children.flatMap(toOption) }]
      : [];
  return categoryTree(categories).flatMap(toOption);
}
