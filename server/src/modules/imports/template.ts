/**
 * The import template of a register: a sheet whose header row holds the Chinese column names the
 * importer recognises, and a second sheet explaining each column. Text columns are formatted as
 * text, so Excel keeps ID numbers and phones as written.
 */
import ExcelJS from 'exceljs';
import type { RegisterKind } from '@gridgov/contracts';
import { assertImportable } from './registers.js';
import { ALLOWED_WORDS } from './resident-rows.js';

const NOTES: Record<string, string> = {
  idType: `默认为居民身份证；可填：${ALLOWED_WORDS.idType}`,
  idNumber: '居民身份证为 18 位（校验位可为 X）；同一文件中不得重复',
  phone: '手机号或带区号的固定电话',
  kind: `可填：${ALLOWED_WORDS.kind}`,
  gridCode: '15 位网格编码，须在您的管辖范围内',
  birthDate: '非身份证件时填写，格式 YYYY-MM-DD',
  sex: `非身份证件时填写，可填：${ALLOWED_WORDS.sex}`,
  tags: `多个标签用逗号或顿号分隔，可填：${ALLOWED_WORDS.tags}`,
};

export async function importTemplate(register: RegisterKind): Promise<Buffer> {
  const fields = assertImportable(register);
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
  for (const f of fields) help.addRow([f.zh, f.required ? '必填' : '选填', f.max, NOTES[f.field] ?? '']);
  help.addRow([]);
  help.addRow(['', '', '', '单元格中的公式不会被计算，请填写数值；整行导入失败的原因见导入完成后的错误报告。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
