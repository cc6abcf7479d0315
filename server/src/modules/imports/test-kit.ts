/**
 * Helpers for the import tests: files built in the test (xlsx with exceljs, GB18030 text, a zip
 * bomb), multipart uploads through the app, and reading an error report back.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ERRORS, idCheckChar } from '@gridgov/contracts';
import { assertNoPersonalData, type Client, type Response, type TestEnv } from '../../../test/harness.js';

/** A valid ID card number for a region, birth date (YYYYMMDD) and sequence. */
export function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function wrongCheckDigit(id: string): string {
  const right = id.slice(-1);
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

export type CellInput = string | number | null | { formula: string; result?: string | number };

export async function xlsxFile(rows: CellInput[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民');
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? null : typeof c === 'object' ? { formula: c.formula, result: c.result } : c)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let gbTable: Map<string, Buffer> | null = null;

/** GB18030 bytes of a text (ASCII and the common CJK range), for files saved by Excel in China. */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Buffer.from([lead, trail]));
        if (ch.length === 1 && !gbTable.has(ch)) gbTable.set(ch, Buffer.from([lead, trail]));
      }
    }
  }
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch));
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 code for ${ch}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

/** Data given as pieces, each repeated: lets a test build an entry of hundreds of MB without holding it. */
export interface ZipPiece {
  data: Buffer;
  times?: number;
}

/**
 * A minimal zip writer (deflate). Each piece is compressed once with a full flush, which makes
 * its compressed form independent of what precedes it, so repeating it repeats the data.
 */
export function zipFile(entries: Array<{ name: string; pieces: ZipPiece[] }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    let crc = 0;
    let size = 0;
    const parts: Buffer[] = [];
    for (const piece of entry.pieces) {
      const segment = zlib.deflateRawSync(piece.data, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
      for (let i = 0; i < (piece.times ?? 1); i++) {
        crc = zlib.crc32(piece.data, crc);
        size += piece.data.length;
        parts.push(segment);
      }
    }
    parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
    const compressed = Buffer.concat(parts);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const piece = (text: string): ZipPiece => ({ data: Buffer.from(text) });

/** A workbook's parts around a given first sheet. */
export function workbookParts(sheet: ZipPiece[]): Array<{ name: string; pieces: ZipPiece[] }> {
  const ns = 'http://schemas.openxmlformats.org';
  return [
    {
      name: '[Content_Types].xml',
      pieces: [
        piece(
          `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
            `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
        ),
      ],
    },
    { name: 'xl/workbook.xml', pieces: [piece(`<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)] },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: [piece(`<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)],
    },
    { name: 'xl/worksheets/sheet1.xml', pieces: sheet },
  ];
}

/** A tiny .xlsx whose sheet inflates to `megabytes` MB (a zip bomb). */
export function zipBomb(megabytes: number): Buffer {
  return zipFile(
    workbookParts([
      piece('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'),
      { data: Buffer.alloc(1024 * 1024, 0x20), times: megabytes },
      piece('</sheetData></worksheet>'),
    ]),
  );
}

/** multipart/form-data with one file. */
export function multipart(fileName: string, content: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; contentType: string } {
  const boundary = `----gridgov${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file as the client (its session cookie); the answer is checked for personal data like every test response. */
export async function upload<T = unknown>(env: TestEnv, client: Client, fileName: string, content: Buffer, register = 'resident'): Promise<Response<T>> {
  const body = multipart(fileName, content);
  const url = `/api/imports?register=${register}`;
  const res = await env.rt.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': body.contentType, ...(client.sessionCookie ? { cookie: client.sessionCookie } : {}) },
    payload: body.payload,
  });
  assertNoPersonalData('POST', url, res.body);
  return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as T, headers: res.headers };
}

/** A binary download as the client. */
export async function download(env: TestEnv, client: Client, url: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  const res = await env.rt.app.inject({ method: 'GET', url, headers: client.sessionCookie ? { cookie: client.sessionCookie } : {} });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
}

/** The rows of an .xlsx (first sheet), header included, cells as text. */
export async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/**
 * The reasons of an error report's row as "column:CODE" (the code recognised from its zh-CN
 * message), for tests that check which problem a row had: "证件号码：与第 2 行的证件号码重复" ->
 * "证件号码:IMPORT_DUPLICATE_ROW".
 */
export function reasonCodes(reason: string): string[] {
  const messages = Object.entries(ERRORS).map(([code, m]) => [code, m.zh] as const).sort((a, b) => b[1].length - a[1].length);
  return reason.split('；').map((part) => {
    const at = part.indexOf('：');
    const [column, message] = at === -1 ? ['', part] : [part.slice(0, at), part.slice(at + 1)];
    const code = /^与第 \d+ 行的/.test(message) ? 'IMPORT_DUPLICATE_ROW' : (messages.find(([, zh]) => message.startsWith(zh))?.[0] ?? message);
    return `${column}:${code}`;
  });
}

/** An error report's failed rows as [the row's first cell, ...its reasons as "column:CODE"]. */
export async function reportLines(content: Buffer): Promise<string[][]> {
  const rows = await readXlsx(content);
  const reasonAt = rows[0]!.indexOf('原因');
  return rows.slice(1).map((r) => [r[0] ?? '', ...reasonCodes(r[reasonAt] ?? '')]);
}
