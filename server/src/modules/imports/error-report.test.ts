import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locale } from '@gridgov/contracts';
import { writeErrorReport } from './error-report.js';
import type { RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';
import { readXlsx } from './test-kit.js';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function report(columns: string[], cells: string[][], issues: RowIssue[], locale: Locale): Promise<string[][]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.xlsx');
  const rows: SheetRow[] = cells.map((c, i) => ({ row: i + 2, cells: c, formulas: null }));
  await writeErrorReport(file, { columns, rows: from(rows) }, from(issues), locale);
  const out = await readXlsx(fs.readFileSync(file));
  fs.rmSync(path.dirname(file), { recursive: true });
  return out;
}

describe('writeErrorReport', () => {
  it('keeps the failed rows as uploaded with a Reason column in English, by the file\'s own column names', async () => {
    const rows = await report(
      ['Name', 'ID', 'Phone'],
      [['A', '1', '2'], ['B', '4.30702E+17', '12345'], ['C', '3', '4']],
      [
        { row: 3, column: 'ID', field: 'idNumber', code: 'IMPORT_CELL_AS_NUMBER' },
        { row: 3, column: 'Phone', field: 'phone', code: 'PHONE_INVALID' },
      ],
      'en',
    );
    assert.deepEqual(rows[0], ['Name', 'ID', 'Phone', 'Reason']);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1]!.slice(0, 3), ['B', '4.30702E+17', '12345']);
    assert.match(rows[1]![3]!, /^ID: .*format the column as Text.*; Phone: The phone number is not valid$/);
  });

  it('writes the reasons into the reason column of a report uploaded again, not a second one', async () => {
    const rows = await report(['姓名', '原因', '电话'], [['甲', '旧的原因', '12345']], [{ row: 2, column: '电话', field: 'phone', code: 'PHONE_INVALID' }], 'zh-CN');
    assert.deepEqual(rows, [
      ['姓名', '原因', '电话'],
      ['甲', '电话：电话号码不合法', '12345'],
    ]);
  });
});
