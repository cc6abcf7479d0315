/** The file readers on their own: CSV records and encodings, SpreadsheetML scanning, headers, duplicate keys. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvParser, detectDelimiter, detectEncoding } from './csv-reader.js';
import { attr, decodeEntities, XmlScanner, type XmlHandler } from './xml-scanner.js';
import { columnIndex, columnLetter } from './xlsx-reader.js';
import { headerNames } from './sheet-source.js';
import { checkMapping, normalizeHeader, suggestMapping } from './fields.js';
import { FirstRows } from './first-rows.js';
import { RESIDENT_FIELDS, parseDate } from './resident-rows.js';
import { encodeGb18030 } from './test-kit.js';

function parseAll(text: string, pieces: number[], delimiter = ','): string[][] {
  const parser = new CsvParser(delimiter);
  const out: string[][] = [];
  let at = 0;
  for (const size of pieces) {
    out.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...parser.push(text.slice(at), true));
  return out;
}

describe('CSV parser', () => {
  const text = 'a,b,c\r\n"x, y","he said ""hi""",\n"multi\nline",2,3\nlast,,';
  const expected = [['a', 'b', 'c'], ['x, y', 'he said "hi"', ''], ['multi\nline', '2', '3'], ['last', '', '']];

  it('parses quotes, doubled quotes, embedded newlines, CRLF and a last line without newline', () => {
    assert.deepEqual(parseAll(text, []), expected);
  });

  it('gives the same records however the text is cut into chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const pieces = Array.from({ length: Math.ceil(text.length / size) }, () => size);
      assert.deepEqual(parseAll(text, pieces), expected, `chunks of ${size}`);
    }
  });

  it('reads tab- and semicolon-separated headers', () => {
    assert.equal(detectDelimiter('姓名\t证件号码\t电话'), '\t');
    assert.equal(detectDelimiter('姓名;证件号码;"a,b"'), ';');
    assert.equal(detectDelimiter('姓名,证件号码'), ',');
  });
});

describe('text encodings', () => {
  it('tells UTF-8 (with or without BOM) from GB18030 and refuses binaries', () => {
    assert.equal(detectEncoding(Buffer.from('\ufeff姓名,证件号码\n')), 'utf-8');
    assert.equal(detectEncoding(Buffer.from('姓名,证件号码\n')), 'utf-8');
    assert.equal(detectEncoding(encodeGb18030('姓名,证件号码,现住址\n张三,1,武陵区\n')), 'gb18030');
    assert.throws(() => detectEncoding(Buffer.from('%PDF-1.7\n')), /IMPORT_FILE_TYPE/);
    assert.throws(() => detectEncoding(Buffer.from([0x4d, 0x5a, 0x90, 0, 3])), /IMPORT_FILE_TYPE/);
    assert.throws(() => detectEncoding(Buffer.from([0x61, 0x00, 0x62])), /IMPORT_FILE_TYPE/);
  });
});

describe('XML scanner', () => {
  function events(xml: string, size: number): string[] {
    const seen: string[] = [];
    let capture = false;
    const handler: XmlHandler = {
      open: (name, attrs, self) => {
        seen.push(`<${name}${attrs ? ` r=${attr(attrs, 'r') ?? ''}` : ''}${self ? '/' : ''}>`);
        if (name === 't') capture = true;
      },
      close: (name) => {
        seen.push(`</${name}>`);
        if (name === 't') capture = false;
      },
      text: (t) => seen.push(`T:${t}`),
      wantsText: () => capture,
    };
    const scanner = new XmlScanner(handler);
    for (let i = 0; i < xml.length; i += size) scanner.push(xml.slice(i, i + size));
    scanner.end();
    // Text may arrive in pieces; join neighbours for comparison.
    return seen.reduce<string[]>((acc, e) => (e.startsWith('T:') && acc.at(-1)?.startsWith('T:') ? [...acc.slice(0, -1), acc.at(-1)! + e.slice(2)] : [...acc, e]), []);
  }

  it('reports tags, prefixes and entity-decoded text, whatever the chunking', () => {
    const xml = '<?xml version="1.0"?><!-- c --><x:row r="2" spans="1:2"><x:c r="B2"/><t>a &amp; b &#x5F20;&#19977; &lt;ok&gt;</t><![CDATA[<raw>]]></x:row>';
    const full = events(xml, xml.length);
    assert.deepEqual(full, ['<row r=2>', '<c r=B2/>', '</c>', '<t>', 'T:a & b 张三 <ok>', '</t>', '</row>']);
    for (const size of [1, 3, 7, 16]) assert.deepEqual(events(xml, size), full, `chunks of ${size}`);
  });

  it('never expands entities it does not know', () => {
    assert.equal(decodeEntities('&lol; &amp;lol;'), '&lol; &lol;');
  });

  it('names columns both ways', () => {
    assert.deepEqual(['A1', 'Z9', 'AA10', 'XFD1'].map(columnIndex), [0, 25, 26, 16383]);
    assert.deepEqual([0, 25, 26, 16383].map(columnLetter), ['A', 'Z', 'AA', 'XFD']);
  });
});

describe('headers and mapping', () => {
  it('names empty headers by column letter and numbers repeated ones', () => {
    assert.deepEqual(headerNames(['姓名', '', ' 姓名 ', '备注', '', '']), ['姓名', 'B', '姓名 (2)', '备注']);
  });

  it('suggests a mapping from Chinese and English header names', () => {
    const columns = ['姓名*', '身份证号码', '手机号', 'Grid Code', '人口类型（必填）', '户籍所在地', '其他'];
    assert.deepEqual(suggestMapping(RESIDENT_FIELDS, columns), {
      name: '姓名*', idNumber: '身份证号码', phone: '手机号', gridCode: 'Grid Code', kind: '人口类型（必填）', registeredAddress: '户籍所在地',
    });
    assert.equal(normalizeHeader('证件号码（必填）'), '证件号码');
  });

  it('refuses a mapping with unknown fields, missing columns, missing required fields or a column used twice', () => {
    assert.throws(() => checkMapping(RESIDENT_FIELDS, ['姓名'], { name: '姓名', idNumber: '姓名', kind: 'x', gridCode: '姓名', bogus: '姓名' }), (e: unknown) => {
      const details = (e as { details: Record<string, string[]> }).details;
      assert.deepEqual(details.unknownFields, ['bogus']);
      assert.deepEqual(details.missingColumns, ['kind']);
      assert.deepEqual(details.reusedColumns, ['姓名']);
      return true;
    });
  });
});

describe('duplicate keys and dates', () => {
  it('remembers the first row of each key across growth', () => {
    const rows = new FirstRows(4);
    const key = (i: number) => Buffer.from(`00${(i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(3)}`, 'hex');
    for (let i = 1; i <= 5000; i++) assert.equal(rows.firstOrAdd(key(i), 1, i + 1), null);
    for (let i = 1; i <= 5000; i += 97) assert.equal(rows.firstOrAdd(key(i), 1, 9999), i + 1);
    assert.equal(rows.size, 5000);
  });

  it('reads written dates and Excel day numbers', () => {
    assert.equal(parseDate('1980-1-2'), '1980-01-02');
    assert.equal(parseDate('1980年1月2日'), '1980-01-02');
    assert.equal(parseDate('19800102'), '1980-01-02');
    assert.equal(parseDate('29222'), '1980-01-02');
    assert.equal(parseDate('1980-02-30'), null);
  });
});
