/**
 * For the Open311 tests: a small XML reader (elements and text, enough for GeoReport answers)
 * and a JSON Schema check covering the keywords the GeoReport v2 schemas use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()]!;
  });
}

/** Parses a document without attributes, comments or CDATA (GeoReport answers have none); throws when it is not well formed. */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  const token = /<\/([A-Za-z_][\w.-]*)>|<([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body))) {
    at = token.lastIndex;
    const top = stack.at(-1)!;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const el: XmlElement = { name: m[2], children: [], text: '' };
      top.children.push(el);
      if (!m[3]) stack.push(el);
    } else if (m[4]) {
      if (/[<>]/.test(m[4]) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[4])) throw new Error(`unescaped text: ${m[4]}`);
      if (stack.length === 1) {
        if (m[4].trim()) throw new Error('text outside the root element');
      } else top.text += unescape(m[4]);
    }
  }
  if (at !== body.length) throw new Error(`not XML at ${at}: ${body.slice(at, at + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  const [root, ...more] = stack[0]!.children;
  if (!root || more.length) throw new Error('a document has one root element');
  return root;
}

export function child(el: XmlElement, name: string): XmlElement {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

export function childText(el: XmlElement, name: string): string {
  return child(el, name).text;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

// ---------------------------------------------------------------- JSON Schema (the GeoReport subset)

export interface JsonSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  $ref?: string;
  maxLength?: number;
  format?: string;
}

const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'georeport-v2');

export function loadSchema(file: string): JsonSchema {
  return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as JsonSchema;
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** The problems of a value against a schema (empty when it validates). */
export function validateSchema(schema: JsonSchema, value: unknown, where = '$'): string[] {
  if (schema.$ref) return validateSchema(loadSchema(schema.$ref), value, where);
  const errors: string[] = [];
  if (schema.anyOf && !schema.anyOf.some((s) => validateSchema(s, value, where).length === 0)) errors.push(`${where}: matches none of anyOf`);
  if (schema.type && !typeOk(schema.type, value)) return [...errors, `${where}: not ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${where}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) errors.push(`${where}: not a date-time`);
    if (schema.format === 'uri' && !URL.canParse(value)) errors.push(`${where}: not a uri`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validateSchema(schema.items!, v, `${where}[${i}]`)));
  if (typeOk('object', value) && (schema.properties || schema.required)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${where}.${key}: required`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) if (key in obj) errors.push(...validateSchema(sub, obj[key], `${where}.${key}`));
  }
  return errors;
}
