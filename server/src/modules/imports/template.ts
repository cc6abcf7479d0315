/**
 * The import template of an import kind (its `ImportTarget`'s columns and notes): a sheet whose header row holds the Chinese column names the
 * importer recognises, and a second sheet explaining each column. Text columns are formatted as
 * text, so Excel keeps ID numbers and phones as written.
 */
import ExcelJS from 'exceljs';
import type { ImportTarget } from './import-target.js';

export async function importTemplate(target: ImportTarget): Promise<Buffer> {
  const fields = target.fields;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((f) => ({ header: f.zh, key: f.field, width: Math.min(40, Math.max(12, Math.ceil(f.max / 5))), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '最大长度', width: 10 },
    { header: '说明', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const f of fields) help.addRow([f.zh, f.required ? '必填' : '选填', f.max, target.notes[f.field] ?? '']);
  help.addRow([]);
  help.addRow(['', '', '', '单元格中的公式不会被计算，请填写数值；整行导入失败的原因见导入完成后的错误报告。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
