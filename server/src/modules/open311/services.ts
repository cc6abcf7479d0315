/**
 * Services and service definitions from the ticket categories: every active leaf category is a
 * service (its code is the service_code, its group the parent's name), its extra questions are
 * the service definition's attributes.
 */
import type { Category, CustomField } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { listCategories } from '../tickets/categories.js';

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
};

export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
};

export type Open311ServiceDefinition = {
  service_code: string;
  attributes: Open311Attribute[];
};

/** A service with what filing and presenting need. */
export interface ServiceEntry {
  category: Category;
  service: Open311Service;
}

/** "1小时", "24小时", "7天": how a time limit reads. */
export function limitText(minutes: number): string {
  if (minutes % (24 * 60) === 0 && minutes > 24 * 60) return `${minutes / (24 * 60)}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

/** What the filer can expect: the category's time limits. */
export function serviceNotice(category: Pick<Category, 'dispatchMinutes' | 'handleMinutes'>): string {
  return `${limitText(category.dispatchMinutes)}内派遣处置，派遣后${limitText(category.handleMinutes)}内办结`;
}

function toService(category: Category, parent: Category | undefined): Open311Service {
  return {
    service_code: category.code,
    service_name: category.name,
    description: `${parent ? `${parent.name} · ` : ''}${category.name}：${limitText(category.dispatchMinutes)}内派遣，${limitText(category.handleMinutes)}内办结`,
    metadata: category.customFields.length > 0,
    type: 'realtime',
    keywords: [category.name, parent?.name, category.code].filter(Boolean).join(','),
    group: parent?.name ?? null,
  };
}

/** Every active leaf category as a service, by code. */
export async function loadServices(db: Db): Promise<ServiceEntry[]> {
  const categories = await listCategories(db);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parents = new Set(categories.filter((c) => c.active && c.parentId).map((c) => c.parentId));
  return categories
    .filter((c) => c.active && !parents.has(c.id) && (!c.parentId || byId.get(c.parentId)?.active !== false))
    .map((category) => ({ category, service: toService(category, category.parentId ? byId.get(category.parentId) : undefined) }));
}

export async function findService(db: Db, code: string): Promise<ServiceEntry | null> {
  return (await loadServices(db)).find((s) => s.service.service_code === code) ?? null;
}

function toAttribute(field: CustomField, index: number): Open311Attribute {
  const base = { variable: true, code: field.key, required: field.required, order: index + 1, description: field.label };
  switch (field.type) {
    case 'number':
      return { ...base, datatype: 'number', datatype_description: '数字 (a number)' };
    case 'select':
      return { ...base, datatype: 'singlevaluelist', datatype_description: null, values: (field.options ?? []).map((o) => ({ key: o, name: o })) };
    case 'boolean':
      return { ...base, datatype: 'singlevaluelist', datatype_description: null, values: [{ key: 'true', name: '是' }, { key: 'false', name: '否' }] };
    default:
      return { ...base, datatype: 'string', datatype_description: null };
  }
}

export function serviceDefinition(entry: ServiceEntry): Open311ServiceDefinition {
  return { service_code: entry.service.service_code, attributes: entry.category.customFields.map(toAttribute) };
}

/**
 * Turns `attribute[code]=value` answers (strings from a form, or JSON values) into the typed
 * answers the category's questions take; a value that does not convert is passed on as it is
 * and refused by the intake check with the question named.
 */
export function attributeAnswers(fields: readonly CustomField[], answers: Record<string, unknown>): Record<string, unknown> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: [string, unknown][] = [];
  for (const [key, raw] of Object.entries(answers)) {
    const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (value === '' || value === null || value === undefined) continue;
    const field = byKey.get(key);
    if (field?.type === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) out.push([key, Number(value)]);
    else if (field?.type === 'boolean' && typeof value === 'string' && ['true', 'false', '1', '0'].includes(value.toLowerCase())) out.push([key, ['true', '1'].includes(value.toLowerCase())]);
    else out.push([key, value]);
  }
  // fromEntries defines own properties: a key such as `__proto__` stays a key (and is refused as unknown).
  return Object.fromEntries(out);
}
