/**
 * Reference data every ticket screen needs (categories, departments), read once per session
 * and shared; and a clock that ticks for the due-time countdowns.
 */
import { useEffect, useState } from 'react';
import type { Category, Department } from '@gridgov/contracts';
import { ticketsApi } from '../../../api/tickets';

type Cached<T> = { promise: Promise<T> | null };
const categoryCache: Cached<Category[]> = { promise: null };
const departmentCache: Cached<Department[]> = { promise: null };

function cached<T>(cache: Cached<T>, load: () => Promise<T>): Promise<T> {
  if (!cache.promise) {
    cache.promise = load().catch((err: unknown) => {
      cache.promise = null;
      throw err;
    });
  }
  return cache.promise;
}

/** Read the categories again (after the configuration page saved one). */
export function forgetCategories(): void {
  categoryCache.promise = null;
}

function useCached<T>(cache: Cached<T>, load: () => Promise<T>, version: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let cancelled = false;
    cached(cache, load)
      .then((next) => !cancelled && setValue(next))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [cache, load, version]);
  return value;
}

const loadCategories = () => ticketsApi.categories().then((answer) => answer.items);
const loadDepartments = () => ticketsApi.departments().then((answer) => answer.items);

/** All categories (active or not); `version` reads them again after `forgetCategories()`. */
export function useCategories(version = 0): Category[] | null {
  return useCached(categoryCache, loadCategories, version);
}

export function useDepartments(): Department[] | null {
  return useCached(departmentCache, loadDepartments, 0);
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
