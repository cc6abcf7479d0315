/**
 * MANSCDP bodies (`Application/MANSCDP+xml`, GB/T 28181 Appendix A): Keepalive notifications,
 * Catalog queries, responses and pushes, and the 20-digit device-ID codes.
 *
 * Why our own reader: the format is flat (a root, a few fields, a DeviceList of Items), arrives
 * from devices we do not control, and is usually GB2312/GBK. A small reader with no DOCTYPE, no
 * entity expansion beyond the five predefined ones, and bounded size and depth is safer than a
 * general XML dependency. Field meanings follow shared/STANDARDS.md §1.5; the type-code ranges
 * outside the named codes are inferred from implementations (wvp `ChannelIdType`) and marked so.
 */

/** A parsed XML element: name, attributes, text (concatenated) and children in order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Thrown for bodies that are not the XML we accept; the registrar answers 400. */
export class ManscdpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManscdpError';
  }
}

/** Bounds of the XML reader. A catalog page is well under 64 KiB; deep nesting is never legitimate. */
export const XML_LIMITS = { maxChars: 256 * 1024, maxDepth: 16, maxElements: 20_000 };

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]{1,10});/g, (whole, ref: string) => {
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const num = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/.exec(ref);
    if (num) {
      const code = num[1] ? parseInt(num[1], 16) : Number(num[2]);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
    throw new ManscdpError(`unknown entity ${whole}`);
  });
}

/**
 * Reads a small XML document into elements. Refuses DOCTYPE (no entity definitions at all),
 * mismatched tags, text outside the root, and anything past {@link XML_LIMITS}.
 */
export function readXml(source: string): XmlElement {
  if (source.length > XML_LIMITS.maxChars) throw new ManscdpError('XML body too large');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt < 0 ? n : lt);
    if (text.length) {
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(text);
      else if (text.trim() && text.trim() !== '\uFEFF') throw new ManscdpError('text outside the root element');
    }
    if (lt < 0) break;
    if (source.startsWith('<?', lt)) {
      const end = source.indexOf('?>', lt + 2);
      if (end < 0) throw new ManscdpError('unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) throw new ManscdpError('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      const top = stack[stack.length - 1];
      if (end < 0 || !top) throw new ManscdpError('misplaced CDATA');
      top.text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', lt)) {
      throw new ManscdpError('DOCTYPE and declarations are not accepted');
    } else if (source[lt + 1] === '/') {
      const end = source.indexOf('>', lt);
      if (end < 0) throw new ManscdpError('unterminated end tag');
      const name = source.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new ManscdpError(`unexpected </${name}>`);
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(source.slice(lt, lt + 4096));
      if (!m) throw new ManscdpError('malformed start tag');
      if (++count > XML_LIMITS.maxElements) throw new ManscdpError('too many elements');
      const attributes: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: m[1]!, attributes, text: '', children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new ManscdpError('a second root element');
      else root = el;
      if (!m[3]) {
        stack.push(el);
        if (stack.length > XML_LIMITS.maxDepth) throw new ManscdpError('XML nested too deeply');
      }
      i = lt + m[0].length;
    }
  }
  if (stack.length) throw new ManscdpError(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new ManscdpError('no root element');
  return root;
}

/** The first child of that name (GB/T 28181 vendors vary the case, so the match ignores it). */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  const want = name.toLowerCase();
  return el.children.find((c) => c.name.toLowerCase() === want);
}

function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  const t = c?.text.trim();
  return t ? t : undefined;
}

/** The charsets a MANSCDP body may declare and we can decode (WHATWG labels; GB2312 decodes as GBK). */
export type BodyEncoding = 'GB2312' | 'GBK' | 'GB18030' | 'UTF-8';

/**
 * Decodes a body by its XML declaration's encoding. Devices that declare nothing are read as
 * GB2312 when the bytes are not valid UTF-8 (the standard's default), else as UTF-8.
 */
export function decodeManscdpBody(body: Buffer): { text: string; encoding: BodyEncoding } {
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_-]+)["']/i.exec(head)?.[1]?.toUpperCase();
  let encoding: BodyEncoding;
  if (declared === undefined) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
    } catch {
      encoding = 'GB2312';
    }
  } else if (declared === 'UTF-8' || declared === 'UTF8') encoding = 'UTF-8';
  else if (declared === 'GB2312' || declared === 'GBK' || declared === 'GB18030') encoding = declared;
  else throw new ManscdpError(`unsupported body encoding ${declared}`);
  const label = encoding === 'UTF-8' ? 'utf-8' : encoding === 'GB18030' ? 'gb18030' : 'gbk';
  return { text: new TextDecoder(label).decode(body), encoding };
}

let gbkTable: Map<number, number> | null = null;

/**
 * Encodes text as GBK for devices that speak GB2312 (Node's TextEncoder only writes UTF-8). The
 * reverse table is built once from the ICU decoder. A character GBK lacks becomes a numeric
 * character reference, which any XML reader restores.
 */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const s = decoder.decode(pair);
        if (s.length === 1 && s !== '\uFFFD' && !gbkTable.has(s.charCodeAt(0))) gbkTable.set(s.charCodeAt(0), (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const code = cp <= 0xffff ? gbkTable.get(cp) : undefined;
      if (code !== undefined) out.push(code >> 8, code & 0xff);
      else for (const b of Buffer.from(`&#${cp};`, 'ascii')) out.push(b);
    }
  }
  return Buffer.from(out);
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function encodeBody(xml: string, encoding: BodyEncoding): Buffer {
  const full = `<?xml version="1.0" encoding="${encoding}"?>\r\n${xml}`;
  return encoding === 'UTF-8' ? Buffer.from(full, 'utf8') : encodeGbk(full);
}

// ---- device IDs ------------------------------------------------------------------------------

/** What the type code (digits 11–13) of a 20-digit GB/T 28181 ID says the thing is. */
export type DeviceIdCategory = 'device' | 'peripheral' | 'platform' | 'group' | 'user' | 'extension';

/** A decoded 20-digit ID: centre (civil) code, industry, type, network and serial. */
export interface DeviceIdInfo {
  id: string;
  /** 8 digits: province 2, city 2, county 2, basic unit 2. */
  centreCode: string;
  industry: string;
  typeCode: number;
  category: DeviceIdCategory;
  /** Chinese name of the type where the standard names one. */
  label: string | undefined;
  /** 0–4 monitoring private network, 5 public-security network, 6 government network, 7 Internet. */
  network: number;
  serial: string;
}

const TYPE_LABELS: Record<number, string> = {
  111: 'DVR',
  112: '视频服务器',
  113: '编码器',
  114: '解码器',
  115: '视频切换矩阵',
  116: '音频切换矩阵',
  117: '报警控制器',
  118: 'NVR',
  130: '混合硬盘录像机',
  131: '摄像机',
  132: '网络摄像机',
  133: '显示器',
  134: '报警输入设备',
  135: '报警输出设备',
  136: '语音输入设备',
  137: '语音输出设备',
  138: '移动传输设备',
  139: '其他外围设备',
  142: '智能门',
  143: '凭证识别单元',
  200: '中心信令控制服务器',
  201: 'Web应用服务器',
  202: '媒体分发服务器',
  203: '代理服务器',
  204: '安全服务器',
  205: '报警服务器',
  206: '数据库服务器',
  207: 'GIS服务器',
  208: '管理服务器',
  209: '接入网关',
  210: '媒体存储服务器',
  211: '信令安全路由网关',
  // 215/216: wvp and the 2022 text; the 2016 meanings are disputed (STANDARDS.md §1.5 [U]).
  215: '业务分组',
  216: '虚拟组织',
  300: '中心用户',
  400: '终端用户',
};

/** Whether a string is a well-formed 20-digit GB/T 28181 ID. */
export function isDeviceId(id: string): boolean {
  return /^\d{20}$/.test(id);
}

/**
 * Decodes a 20-digit ID, or null when it is not one. Ranges: 111–130 front-end devices, 131–199
 * peripherals (cameras, IPCs, alarm I/O), 200–299 platform servers except 215/216 (groups),
 * 300–399 centre users, 400–499 terminal users, 500–999 extensions [inferred from wvp].
 */
export function deviceIdType(id: string): DeviceIdInfo | null {
  if (!isDeviceId(id)) return null;
  const typeCode = Number(id.slice(10, 13));
  if (typeCode < 111) return null;
  const category: DeviceIdCategory =
    typeCode <= 130
      ? 'device'
      : typeCode <= 199
        ? 'peripheral'
        : typeCode === 215 || typeCode === 216
          ? 'group'
          : typeCode <= 299
            ? 'platform'
            : typeCode <= 499
              ? 'user'
              : 'extension';
  return {
    id,
    centreCode: id.slice(0, 8),
    industry: id.slice(8, 10),
    typeCode,
    category,
    label: TYPE_LABELS[typeCode],
    network: Number(id[13]),
    serial: id.slice(14),
  };
}

/** Whether an ID is an administrative-division (civil) code used as a catalog directory: 2, 4, 6 or 8 digits. */
export function isCivilCode(id: string): boolean {
  return /^\d{2}(?:\d{2}){0,3}$/.test(id);
}

// ---- messages --------------------------------------------------------------------------------

/** The root elements MANSCDP uses. */
export type ManscdpRoot = 'Query' | 'Notify' | 'Response' | 'Control';

/** One Catalog item as the platform sees it: the device's fields, typed and validated. */
export interface CatalogItem {
  deviceId: string;
  /** The decoded type of a 20-digit ID; undefined for civil-code directories. */
  type: DeviceIdInfo | undefined;
  name: string | undefined;
  manufacturer: string | undefined;
  model: string | undefined;
  owner: string | undefined;
  civilCode: string | undefined;
  block: string | undefined;
  address: string | undefined;
  parental: boolean | undefined;
  parentId: string | undefined;
  businessGroupId: string | undefined;
  safetyWay: number | undefined;
  registerWay: number | undefined;
  secrecy: boolean | undefined;
  ipAddress: string | undefined;
  port: number | undefined;
  ptzType: number | undefined;
  /** ON/OFF; vendors also write Online/Offline/OK. */
  status: 'ON' | 'OFF' | undefined;
  longitude: number | undefined;
  latitude: number | undefined;
  /** On a Catalog push (Notify): ON, OFF, VLOST, DEFECT, ADD, DEL, UPDATE. */
  event: string | undefined;
}

/** A parsed MANSCDP body. */
export type ManscdpMessage =
  | { cmdType: 'Keepalive'; root: ManscdpRoot; sn: number; deviceId: string; status: string | undefined }
  | { cmdType: 'Catalog'; root: 'Query'; sn: number; deviceId: string }
  | { cmdType: 'Catalog'; root: 'Response' | 'Notify'; sn: number; deviceId: string; sumNum: number; items: CatalogItem[] }
  | { cmdType: 'Other'; root: ManscdpRoot; name: string; sn: number; deviceId: string };

function int(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^-?\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function coordinate(text: string | undefined, limit: number): number | undefined {
  if (text === undefined || !/^-?\d{1,3}(?:\.\d{1,12})?$/.test(text)) return undefined;
  const n = Number(text);
  // 0 is what devices send when nobody set a position.
  return n !== 0 && Math.abs(n) <= limit ? n : undefined;
}

function status(text: string | undefined): 'ON' | 'OFF' | undefined {
  const t = text?.toUpperCase();
  if (t === 'ON' || t === 'ONLINE' || t === 'OK') return 'ON';
  if (t === 'OFF' || t === 'OFFLINE') return 'OFF';
  return undefined;
}

function flag(text: string | undefined): boolean | undefined {
  return text === '1' ? true : text === '0' ? false : undefined;
}

/** Reads one DeviceList Item; null when its DeviceID is neither a 20-digit ID nor a civil code. */
export function readCatalogItem(item: XmlElement): CatalogItem | null {
  const deviceId = childText(item, 'DeviceID');
  if (!deviceId || !(isDeviceId(deviceId) || isCivilCode(deviceId))) return null;
  // Some devices nest PTZType and friends in <Info>.
  const info = child(item, 'Info');
  const field = (name: string) => childText(item, name) ?? (info ? childText(info, name) : undefined);
  const trimmed = (name: string, max = 255) => field(name)?.slice(0, max);
  return {
    deviceId,
    type: deviceIdType(deviceId) ?? undefined,
    name: trimmed('Name'),
    manufacturer: trimmed('Manufacturer'),
    model: trimmed('Model'),
    owner: trimmed('Owner'),
    civilCode: field('CivilCode') && /^\d{2,20}$/.test(field('CivilCode')!) ? field('CivilCode') : undefined,
    block: trimmed('Block'),
    address: trimmed('Address'),
    parental: flag(field('Parental')),
    parentId: trimmed('ParentID', 256),
    businessGroupId: trimmed('BusinessGroupID', 20),
    safetyWay: int(field('SafetyWay'), 0, 4),
    registerWay: int(field('RegisterWay'), 1, 3),
    secrecy: flag(field('Secrecy')),
    ipAddress: trimmed('IPAddress', 64),
    port: int(field('Port'), 1, 65535),
    ptzType: int(field('PTZType'), 0, 4),
    status: status(field('Status')),
    longitude: coordinate(field('Longitude'), 180),
    latitude: coordinate(field('Latitude'), 90),
    event: field('Event')?.toUpperCase(),
  };
}

/** Parses a MANSCDP body (bytes, any declared charset) into a typed message. */
export function parseManscdp(body: Buffer): ManscdpMessage {
  const root = readXml(decodeManscdpBody(body).text);
  const rootName = (['Query', 'Notify', 'Response', 'Control'] as const).find((r) => r.toLowerCase() === root.name.toLowerCase());
  if (!rootName) throw new ManscdpError(`unknown root <${root.name}>`);
  const cmdType = childText(root, 'CmdType');
  const sn = int(childText(root, 'SN'), 0, 0xffffffff);
  const deviceId = childText(root, 'DeviceID');
  if (!cmdType || sn === undefined || !deviceId) throw new ManscdpError('CmdType, SN and DeviceID are required');
  if (!isDeviceId(deviceId)) throw new ManscdpError('DeviceID is not a 20-digit ID');
  if (cmdType.toLowerCase() === 'keepalive') return { cmdType: 'Keepalive', root: rootName, sn, deviceId, status: childText(root, 'Status') };
  if (cmdType.toLowerCase() === 'catalog') {
    if (rootName === 'Query') return { cmdType: 'Catalog', root: 'Query', sn, deviceId };
    if (rootName !== 'Response' && rootName !== 'Notify') throw new ManscdpError('a Catalog must be a Query, Response or Notify');
    const list = child(root, 'DeviceList');
    const items = (list?.children ?? []).filter((c) => c.name.toLowerCase() === 'item').map(readCatalogItem);
    if (items.some((i) => i === null)) throw new ManscdpError('a catalog item without a valid DeviceID');
    const sumNum = int(childText(root, 'SumNum'), 0, 1_000_000) ?? items.length;
    return { cmdType: 'Catalog', root: rootName, sn, deviceId, sumNum, items: items as CatalogItem[] };
  }
  return { cmdType: 'Other', root: rootName, name: cmdType, sn, deviceId };
}

/** The Catalog query the platform sends after a device registers. */
export function buildCatalogQuery(input: { sn: number; deviceId: string; encoding?: BodyEncoding }): Buffer {
  return encodeBody(
    `<Query>\r\n<CmdType>Catalog</CmdType>\r\n<SN>${input.sn}</SN>\r\n<DeviceID>${escapeXml(input.deviceId)}</DeviceID>\r\n</Query>\r\n`,
    input.encoding ?? 'GB2312',
  );
}

/** A device's Keepalive notification (the device client sends it; tests use it as a golden body). */
export function buildKeepalive(input: { sn: number; deviceId: string; status?: string; encoding?: BodyEncoding }): Buffer {
  return encodeBody(
    `<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>${input.sn}</SN>\r\n<DeviceID>${escapeXml(input.deviceId)}</DeviceID>\r\n<Status>${escapeXml(input.status ?? 'OK')}</Status>\r\n</Notify>\r\n`,
    input.encoding ?? 'GB2312',
  );
}

/** What a simulated device reports for one channel. */
export interface CatalogChannel {
  deviceId: string;
  name: string;
  manufacturer?: string;
  model?: string;
  owner?: string;
  civilCode?: string;
  address?: string;
  parental?: boolean;
  parentId?: string;
  status?: 'ON' | 'OFF';
  longitude?: number;
  latitude?: number;
  ptzType?: number;
}

/** One page of a Catalog response (a device splits long catalogs over several MESSAGEs with one SumNum). */
export function buildCatalogResponse(input: { sn: number; deviceId: string; sumNum: number; channels: CatalogChannel[]; encoding?: BodyEncoding; root?: 'Response' | 'Notify'; event?: string }): Buffer {
  const root = input.root ?? 'Response';
  const field = (name: string, value: string | number | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>\r\n`);
  const items = input.channels
    .map(
      (c) =>
        `<Item>\r\n${field('DeviceID', c.deviceId)}${field('Name', c.name)}${field('Manufacturer', c.manufacturer)}${field('Model', c.model)}` +
        `${field('Owner', c.owner)}${field('CivilCode', c.civilCode)}${field('Address', c.address)}${field('Parental', c.parental === undefined ? undefined : c.parental ? 1 : 0)}` +
        `${field('ParentID', c.parentId)}${field('SafetyWay', 0)}${field('RegisterWay', 1)}${field('Secrecy', 0)}${field('Status', c.status)}` +
        `${field('Longitude', c.longitude)}${field('Latitude', c.latitude)}${c.ptzType === undefined ? '' : `<Info>\r\n${field('PTZType', c.ptzType)}</Info>\r\n`}${field('Event', input.event)}</Item>\r\n`,
    )
    .join('');
  return encodeBody(
    `<${root}>\r\n<CmdType>Catalog</CmdType>\r\n<SN>${input.sn}</SN>\r\n<DeviceID>${escapeXml(input.deviceId)}</DeviceID>\r\n<SumNum>${input.sumNum}</SumNum>\r\n` +
      `<DeviceList Num="${input.channels.length}">\r\n${items}</DeviceList>\r\n</${root}>\r\n`,
    input.encoding ?? 'GB2312',
  );
}

/** The body's MIME type, as GB/T 28181 spells it. */
export const MANSCDP_CONTENT_TYPE = 'Application/MANSCDP+xml';
