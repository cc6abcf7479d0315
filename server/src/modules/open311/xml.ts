/**
 * The XML of GeoReport v2, written by hand: an object becomes child elements in key order, a
 * list under a key repeats its item element inside it (`services` -> `service`, `attributes` ->
 * `attribute`, ...), null becomes an empty element. Text is escaped and characters XML 1.0
 * cannot carry are dropped.
 */

export type XmlValue = string | number | boolean | null | undefined | Date | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/** The element name of one item of each list GeoReport v2 has. */
export const XML_ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests: 'request',
  errors: 'error',
};

// Control characters other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF are not XML 1.0 characters.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue, items: Readonly<Record<string, string>>): string {
  if (!NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (Array.isArray(value)) {
    const item = items[name];
    if (!item) throw new Error(`No item element name for the list ${name}`);
    return `<${name}>${value.map((v: XmlValue) => element(item, v, items)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, XmlValue>).map(([k, v]) => element(k, v, items));
    return `<${name}>${children.join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document with its declaration. */
export function toXml(root: string, value: XmlValue, items: Readonly<Record<string, string>> = XML_ITEM_NAMES): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, items)}\n`;
}
