/**
 * The import kind `checkin`: check-ins from a partner's feed or an access gate's records (xlsx or
 * csv). A row names the venue by its code and the person by their document; the person key is
 * the matched resident's id, else the document's keyed hash (person.ts). The name and phone are
 * checked (and shown masked in the dry run) but not stored: the key is what tracing needs. A row
 * naming a gate came from an access gate (source `gate`), else from a feed. The venue must be
 * live and in the importer's scope. The same venue, person and check-in time is one check-in: a
 * re-import counts it unchanged. A check-in older than the retention is refused (its day is gone),
 * one in a day without a partition gets its day made in the batch's transaction.
 */
import { writeAudit } from '../../platform/audit/write-audit.js';
import { defineImportKind, type FieldSpec } from '../../platform/imports/kind.js';
import { documentType, readDateTime } from '../../platform/imports/cells.js';
import { codeInSubtree } from '../../platform/scope.js';
import { dayStart, localDate, localDateTime } from '../../platform/time-zone.js';
import { residentsByIdHash } from '../registers/bulk-writer.js';
import { checkIdentity, checkPhone, protect } from '../registers/personal-data.js';
import { venuesByCode } from '../registers/venue-refs.js';
import { ensurePartitions } from './partitions.js';
import { documentKey, PERSON_CODES, SOURCE_CODES } from './person.js';
import { venueCheckin } from './tables.js';
import { retentionDays } from '../../platform/retention/retention.js';
import { checkinRetention } from './partitions.js';

const FIELDS: readonly FieldSpec[] = [
  { field: 'venueCode', zh: '场所码', en: 'Venue code', required: true, max: 20, aliases: ['场所编码', '场所编号', 'venuecode', 'code'], normalize: 'code' },
  { field: 'name', zh: '姓名', en: 'Name', required: true, max: 50, aliases: ['人员姓名', 'fullname'] },
  { field: 'idType', zh: '证件类型', en: 'Document type', required: false, max: 20, aliases: ['证件种类', 'idtype', 'documenttype'] },
  { field: 'idNumber', zh: '证件号码', en: 'Document number', required: true, max: 40, aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号', 'idnumber', 'documentnumber'], normalize: 'id' },
  { field: 'phone', zh: '联系电话', en: 'Phone', required: false, max: 20, aliases: ['手机号', '手机号码', '电话', 'mobile'], normalize: 'phone' },
  { field: 'checkedInAt', zh: '进入时间', en: 'Check-in time', required: true, max: 40, aliases: ['登记时间', '扫码时间', '通行时间', '到访时间', 'checkintime', 'checkedinat'] },
  { field: 'checkedOutAt', zh: '离开时间', en: 'Check-out time', required: false, max: 40, aliases: ['离场时间', '出场时间', 'checkouttime', 'checkedoutat'] },
  { field: 'gate', zh: '闸机/通道', en: 'Gate', required: false, max: 100, aliases: ['闸机', '门禁', '通道', '设备', 'gate', 'device'] },
];

const NOTES: Record<string, string> = {
  venueCode: '场所海报上的场所码，如 V0A1B2C3D4E',
  idType: '身份证、护照或其他；不填视为身份证',
  idNumber: '身份证须为 18 位并通过校验；请将该列设置为"文本"格式',
  phone: '11 位手机号或固定电话（只作校验，不保存）',
  checkedInAt: '如 2026-12-01 08:30、2026/12/1 8:30 或 2026年12月1日 8时30分，亦可为 Excel 日期时间单元格',
  checkedOutAt: '不填表示未登记离开（按当日结束计）；须晚于进入时间',
  gate: '门禁闸机记录填闸机或通道名称；不填视为数据推送',
};

/** A checked row: the venue's code, the person's keyed hash, the times and the source. */
export interface CheckinRow {
  venueCode: string;
  idHash: Buffer;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  source: 'feed' | 'gate';
}

const FUTURE_MS = 24 * 3_600_000;

export const checkinImport = defineImportKind<CheckinRow>({
  permission: 'checkin:import',
  fields: FIELDS,
  notes: NOTES,
  fileKey: ['venueCode', 'idNumber', 'checkedInAt'],
  keyField: 'idNumber',

  parse(values, issue, env) {
    const { vault, now } = env;
    // A check-in older than the retention would be purged at once: refused.
    const keptDays = retentionDays(env, checkinRetention);
    let failed = false;
    const fail: typeof issue = (field, code, extra) => {
      failed = true;
      issue(field, code, extra);
    };
    const code = (values.venueCode ?? '').normalize('NFKC').toUpperCase();
    if (!/^V[0-9A-Z]{10}$/.test(code)) fail('venueCode', 'IMPORT_CELL_INVALID', { allowed: 'V + 10 位字母数字' });
    const idType = values.idType ? documentType(values.idType) : 'id_card';
    if (!idType) fail('idType', 'IMPORT_CELL_INVALID', { allowed: '身份证、护照、其他' });
    const checkedInAt = readDateTime(values.checkedInAt ?? '');
    const oldest = dayStart(localDate(now, keptDays - 1));
    if (!checkedInAt || checkedInAt.getTime() > now.getTime() + FUTURE_MS || (keptDays > 0 && checkedInAt < oldest)) fail('checkedInAt', 'IMPORT_CELL_INVALID', { allowed: 'YYYY-MM-DD HH:mm' });
    let checkedOutAt: Date | null = null;
    if (values.checkedOutAt) {
      checkedOutAt = readDateTime(values.checkedOutAt);
      if (!checkedOutAt || (checkedInAt && checkedOutAt < checkedInAt)) fail('checkedOutAt', 'IMPORT_CELL_INVALID', { allowed: 'YYYY-MM-DD HH:mm' });
    }
    const identity = idType ? checkIdentity(idType, values.idNumber ?? '', {}, now) : null;
    if (identity && !identity.ok) fail('idNumber', identity.code, identity.reason ? { reason: identity.reason } : {});
    let phoneMasked: string | null = null;
    if (values.phone) {
      const checked = checkPhone(values.phone);
      if (checked.ok) phoneMasked = protect(vault, 'phone', checked.value).masked;
      else fail('phone', 'PHONE_INVALID');
    }
    if (failed || !identity?.ok || !checkedInAt || !idType) return null;
    const id = protect(vault, 'id_number', identity.value.idNumber);
    const source = values.gate ? 'gate' : 'feed';
    return {
      value: { venueCode: code, idHash: id.hash, checkedInAt, checkedOutAt, source },
      display: {
        venueCode: code, name: values.name!, idType, idNumber: id.masked, phone: phoneMasked, checkedInAt: localDateTime(checkedInAt),
        checkedOutAt: checkedOutAt ? localDateTime(checkedOutAt) : null, gate: values.gate ?? null,
      },
    };
  },

  async store(batch, rows) {
    const { db, ctx } = batch;
    const venues = await venuesByCode(db, rows.map((r) => r.value.venueCode));
    const inScope = (v: { regionCode: string; gridId: string }) => codeInSubtree(v.regionCode, ctx.actor.regionPrefix) && (!ctx.actor.gridId || ctx.actor.gridId === v.gridId);
    const kept = rows.filter((r) => {
      const venue = venues.get(r.value.venueCode);
      if (venue && inScope(venue)) return true;
      batch.fail(r.row, 'venueCode', 'CHECKIN_VENUE_UNKNOWN');
      return false;
    });
    const residents = await residentsByIdHash(db, [...new Map(kept.map((r) => [r.value.idHash.toString('hex'), r.value.idHash])).values()]);
    // Days without a partition get theirs in this transaction (a dry run rolls them back with it).
    await ensurePartitions(db, kept.map((r) => localDate(r.value.checkedInAt)), { inTransaction: true });
    const values = kept.map(({ value }) => {
      const venue = venues.get(value.venueCode)!;
      const resident = residents.get(value.idHash.toString('hex'));
      return {
        venueId: venue.id,
        checkedInAt: value.checkedInAt,
        personKey: resident?.id ?? documentKey(value.idHash),
        personKind: resident ? PERSON_CODES.resident : PERSON_CODES.document,
        checkedOutAt: value.checkedOutAt,
        source: SOURCE_CODES[value.source],
        regionCode: venue.regionCode,
        gridId: venue.gridId,
      };
    });
    const inserted = values.length ? await db.insert(venueCheckin).values(values).onConflictDoNothing().returning({ venueId: venueCheckin.venueId }) : [];
    const created = inserted.length;
    const matched = values.filter((v) => v.personKind === PERSON_CODES.resident).length;
    if (created > 0) {
      await writeAudit(db, ctx, {
        action: 'checkin.import', objectType: 'import', objectId: batch.importId, regionCode: ctx.actor.regionCode,
        details: { created, matched, unchanged: kept.length - created, venues: new Set(values.map((v) => v.venueId)).size },
      });
    }
    return { created, unchanged: kept.length - created };
  },
});
