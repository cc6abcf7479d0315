/**
 * The import kind `supply_stock` (an xlsx or csv of stock on hand, e.g. a warehouse's first
 * inventory): each row is a receipt into a warehouse the importer manages (by its name), of an
 * item by its GB/T 38565 code, into a lot with its expiry. The imports module does the rest
 * (upload, mapping, preview, batches, the error report). A file imported twice is received twice:
 * each row is a receipt, not a stock level.
 */
import { and, eq } from 'drizzle-orm';
import { SUPPLY_CATALOGUE } from '@gridgov/contracts';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { defineImportKind, type FieldSpec } from '../../platform/imports/kind.js';
import { readDateTime } from '../../platform/imports/cells.js';
import { recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { itemsByCode } from './catalogue.js';
import { receiveIn } from './stock.js';
import { warehouse } from './tables.js';
import { WAREHOUSE_VISIBILITY, managesWarehouse } from './visibility.js';

export const STOCK_IMPORT_KIND = 'supply_stock';

const FIELDS: readonly FieldSpec[] = [
  { field: 'warehouse', zh: '仓库名称', en: 'Warehouse', required: true, max: 100, aliases: ['仓库', '储备库', '库点', 'warehouse'] },
  { field: 'itemCode', zh: '物资编码', en: 'Item code', required: true, max: 20, aliases: ['编码', '物资代码', '分类编码', 'itemcode', 'code'], normalize: 'code' },
  { field: 'itemName', zh: '物资名称', en: 'Item name', required: false, max: 100, aliases: ['名称', '品名', 'item', 'name'] },
  { field: 'lotNo', zh: '批次号', en: 'Lot', required: true, max: 60, aliases: ['批次', '批号', 'lot', 'lotno'] },
  { field: 'expiresOn', zh: '有效期至', en: 'Expires on', required: false, max: 40, aliases: ['有效期', '失效日期', '过期日期', 'expiry', 'expireson'] },
  { field: 'quantity', zh: '数量', en: 'Quantity', required: true, max: 12, aliases: ['库存数量', '实存数量', '数目', 'quantity', 'qty'] },
];

const NOTES: Record<string, string> = {
  warehouse: '本辖区已建仓库的名称，须与系统中一致',
  itemCode: `GB/T 38565 七位物资编码，如 ${SUPPLY_CATALOGUE.filter((n) => n.code.length === 7).slice(0, 3).map((n) => `${n.code}（${n.zh}）`).join('、')}`,
  itemName: '仅供核对，以编码为准',
  expiresOn: '如 2027-12-31，无有效期的物资不填',
  quantity: '正整数',
};

interface StockImportRow {
  warehouse: string;
  itemCode: string;
  lotNo: string;
  expiresOn: string | null;
  quantity: number;
}

export const stockImport = defineImportKind<StockImportRow>({
  permission: 'supplies:manage',
  fields: FIELDS,
  notes: NOTES,
  fileKey: ['warehouse', 'itemCode', 'lotNo'],
  keyField: 'lotNo',

  parse(values, issue) {
    let failed = false;
    const itemCode = (values.itemCode ?? '').replace(/\s/g, '');
    if (!/^[1-3]\d{6}$/.test(itemCode)) {
      failed = true;
      issue('itemCode', 'SUPPLIES_CODE_INVALID', { reason: 'digits' });
    }
    const quantity = Number((values.quantity ?? '').replace(/,/g, ''));
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000_000) {
      failed = true;
      issue('quantity', 'IMPORT_CELL_INVALID', { allowed: '1–10000000' });
    }
    let expiresOn: string | null = null;
    if (values.expiresOn) {
      const text = values.expiresOn.trim();
      const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T12:00:00+08:00`) : readDateTime(text);
      if (!at || Number.isNaN(at.getTime())) {
        failed = true;
        issue('expiresOn', 'IMPORT_CELL_INVALID', { allowed: 'YYYY-MM-DD' });
      } else expiresOn = localDate(at);
    }
    if (failed) return null;
    const value: StockImportRow = { warehouse: values.warehouse!, itemCode, lotNo: values.lotNo!, expiresOn, quantity };
    return { value, display: { warehouse: value.warehouse, itemCode, itemName: values.itemName ?? null, lotNo: value.lotNo, expiresOn, quantity: String(quantity) } };
  },

  async store(batch, rows) {
    const { db, ctx } = batch;
    const items = await itemsByCode(db, rows.map((r) => r.value.itemCode));
    const byName = new Map<string, typeof warehouse.$inferSelect | null>();
    let created = 0;
    for (const { row, value } of rows) {
      if (!byName.has(value.warehouse)) {
        const [w] = await db.select().from(warehouse).where(and(eq(warehouse.name, value.warehouse), recordVisible(ctx.actor, WAREHOUSE_VISIBILITY))).limit(2);
        byName.set(value.warehouse, w && managesWarehouse(ctx.actor, w) ? w : null);
      }
      const w = byName.get(value.warehouse);
      const item = items.get(value.itemCode);
      if (!w) {
        batch.fail(row, 'warehouse', 'SUPPLIES_WAREHOUSE_UNKNOWN');
        continue;
      }
      if (!item || item.level !== 4) {
        batch.fail(row, 'itemCode', 'SUPPLIES_ITEM_UNKNOWN');
        continue;
      }
      // The stock kit's receipt (lock, lot, move, level); its notices' audience (accounts_at) needs no module's resolver.
      await receiveIn(new Map(), db, ctx, w, item, { lotNo: value.lotNo, quantity: value.quantity, ...(value.expiresOn ? { expiresOn: value.expiresOn } : {}), note: `导入 ${batch.importId.slice(0, 8)}` });
      created++;
    }
    await writeAudit(db, ctx, { action: 'supplies.receipt', objectType: 'import', objectId: batch.importId, details: { import: batch.importId, rows: rows.length, received: created } });
    return { created, unchanged: 0 };
  },
});
