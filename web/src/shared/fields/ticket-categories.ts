/**
 * Ticket categories as every screen picks and names them: all categories read once per session
 * through the query cache (remembered on the device, so a report can be written offline), their
 * tree, and their names in the console's language.
 */
import { useQuery } from '@tanstack/react-query';
import type { Category } from '@gridgov/contracts';
import { ticketQueries } from '../../api/tickets';
import { useSession } from '../../app/session';
import { useRememberedReference } from '../offline/reference-cache';

/**
 * All categories (active or not); null while reading. A failure leaves the pickers empty, quietly.
 * Remembered on the device, so that a report can be written offline.
 */
export function useCategories(): Category[] | null {
  const owner = useSession().me?.id ?? null;
  const data = useQuery({ ...ticketQueries.categories(), meta: { silent: true } }).data;
  return useRememberedReference(owner, 'ticket-categories', data) ?? null;
}

/** A category's name in the console's language: the English one in English when it has one. */
export function categoryLabel(category: Pick<Category, 'name' | 'nameEn'>, locale: string): string {
  return locale === 'en' && category.nameEn ? category.nameEn : category.name;
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
export function categoryOptions(categories: readonly Category[], withInactive = false, locale = 'zh-CN'): CategoryOption[] {
  const toOption = (node: CategoryNode): CategoryOption[] =>
    node.category.active || withInactive
      ? [{ value: node.category.id, title: categoryLabel(node.category, locale), children: node.children.flatMap(toOption) }]
      : [];
  return categoryTree(categories).flatMap(toOption);
}
