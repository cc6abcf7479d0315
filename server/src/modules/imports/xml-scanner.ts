/**
 * A small streaming scanner for the XML inside .xlsx files (worksheets, shared strings,
 * workbook parts). It reports open tags, close tags and text, and nothing else: no DTDs, no
 * entity definitions (so no entity-expansion bombs), no namespaces beyond stripping a prefix.
 * Input arrives in chunks; a tag or entity split across chunks is held back until complete.
 */

export interface XmlHandler {
  /** `name` without namespace prefix; `attrs` is the raw attribute text (see `attr`). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data with entities decoded. Only called while `wantsText()` is true. */
  text(text: string): void;
  wantsText(): boolean;
}

/** Longest tag (or held-back piece) accepted: a worksheet tag is tens of bytes. */
const MAX_TOKEN = 1 << 20;

export class XmlTooLargeTokenError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

/** The value of one attribute in a raw attribute string, decoded; undefined when absent. */
export function attr(attrs: string, name: string): string | undefined {
  const at = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  if (!at) return undefined;
  return decodeEntities(at[1] ?? at[2] ?? '');
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

export class XmlScanner {
  private buf = '';

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    this.buf = '';
  }

  private emitText(raw: string): void {
    if (raw.length && this.handler.wantsText()) this.handler.text(decodeEntities(raw));
  }

  private drain(final: boolean): void {
    const buf = this.buf;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) {
        // Text up to the end; hold back a possibly split entity.
        const amp = final ? -1 : buf.lastIndexOf('&');
        const cut = amp >= pos && buf.indexOf(';', amp) === -1 ? amp : buf.length;
        this.emitText(buf.slice(pos, cut));
        pos = cut;
        break;
      }
      if (lt > pos) this.emitText(buf.slice(pos, lt));
      pos = lt;
      const next = buf.charCodeAt(lt + 1);
      let end: number;
      if (next === 33 /* ! */) {
        if (buf.startsWith('<![CDATA[', lt)) {
          end = buf.indexOf(']]>', lt);
          if (end === -1) break;
          if (this.handler.wantsText()) this.handler.text(buf.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        if (buf.startsWith('<!--', lt)) {
          end = buf.indexOf('-->', lt);
          if (end === -1) break;
          pos = end + 3;
          continue;
        }
        // <!DOCTYPE ...>: skipped, its entities are never defined.
        end = buf.indexOf('>', lt);
        if (end === -1) break;
        pos = end + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        end = buf.indexOf('?>', lt);
        if (end === -1) break;
        pos = end + 2;
        continue;
      }
      end = tagEnd(buf, lt);
      if (end === -1) break;
      if (next === 47 /* / */) {
        this.handler.close(localName(buf.slice(lt + 2, end).trim()));
      } else {
        const selfClosing = buf.charCodeAt(end - 1) === 47;
        const body = buf.slice(lt + 1, selfClosing ? end - 1 : end);
        const space = body.search(/\s/);
        const name = localName(space === -1 ? body : body.slice(0, space));
        this.handler.open(name, space === -1 ? '' : body.slice(space), selfClosing);
        if (selfClosing) this.handler.close(name);
      }
      pos = end + 1;
    }
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
    if (this.buf.length > MAX_TOKEN) throw new XmlTooLargeTokenError('XML token too large');
  }
}

/** Index of the '>' that closes the tag at `lt`, skipping quoted attribute values; -1 if not yet there. */
function tagEnd(buf: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    }
  }
  return -1;
}
