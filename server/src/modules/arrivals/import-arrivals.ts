/**
 * The import kind `arrival` (a checkpoint's list, xlsx or csv): its columns and template notes,
 * the check of one row, and the store of a batch, which cross-matches the batch with the resident
 * register by the ID number's keyed hash (the registers' exported lookup, never their tables).
 * A matched arrival goes to the resident's grid and region; an unmatched one stays with the
 * importer's region. The same person, transport number and arrival time is one arrival: a
 * re-import counts it as unchanged.
 */
import { documentKey } from '../checkins/index.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TransportMode } from '@gridgov/contracts';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { rows, type Db } from '../../platform/db/client.js';
import { defineImportKind, type FieldSpec } from '../../platform/imports/kind.js';
import { documentType, readDateTime, wordTable } from '../../platform/imports/cells.js';
import { localDateTime } from '../../platform/time-zone.js';
import { residentsByIdHash } from '../registers/bulk-writer.js';
import { checkIdentity, checkPhone, protect } from '../registers/personal-data.js';
import { arrival } from './tables.js';

const FIELDS: readonly FieldSpec[] = [
  { field: 'name', zh: '姓名', en: 'Name', required: true, max: 50, aliases: ['旅客姓名', '乘客姓名', '人员姓名', 'fullname'] },
  { field: 'idType', zh: '证件类型', en: 'Document type', required: false, max: 20, aliases: ['证件种类', 'idtype', 'documenttype'] },
  { field: 'idNumber', zh: '证件号码', en: 'Document number', required: true, max: 40, aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号', 'idnumber', 'documentnumber'], normalize: 'id' },
  { field: 'phone', zh: '联系电话', en: 'Phone', required: false, max: 20, aliases: ['手机号', '手机号码', '电话', 'mobile'], normalize: 'phone' },
  { field: 'transportMode', zh: '交通方式', en: 'Transport', required: true, max: 10, aliases: ['交通工具', '出行方式', 'transportmode', 'mode'] },
  { field: 'transportNumber', zh: '车次/航班号/车牌', en: 'Transport number', required: false, max: 20, aliases: ['车次', '航班号', '车牌号', '车牌', '班次', 'trainnumber', 'flightnumber', 'plate'] },
  { field: 'carriage', zh: '车厢', en: 'Carriage', required: false, max: 10, aliases: ['车厢号', 'coach'] },
  { field: 'seat', zh: '座位号', en: 'Seat', required: false, max: 10, aliases: ['座位', '座号', 'seatnumber'] },
  { field: 'origin', zh: '出发地', en: 'Origin', required: false, max: 100, aliases: ['始发地', '来源地', '从何地来', 'from'] },
  { field: 'arrivedAt', zh: '到达时间', en: 'Arrival time', required: true, max: 40, aliases: ['抵达时间', '到站时间', '入境时间', 'arrivaltime', 'arrivedat'] },
  { field: 'checkpoint', zh: '卡口/站点', en: 'Checkpoint', required: false, max: 100, aliases: ['卡口', '站点', '检查站', '到达站', 'station'] },
];

/** Words a checkpoint writes for the mode of transport (zh and en). */
const transportMode = wordTable<TransportMode>({
  road: ['公路', '汽车', '大巴', '客车', '自驾', '私家车', '高速', 'road', 'car', 'bus'],
  rail: ['铁路', '火车', '高铁', '动车', '列车', 'rail', 'train'],
  air: ['航空', '飞机', '航班', '民航', 'air', 'flight', 'plane'],
  other: ['其他', '其它', 'other'],
});

const NOTES: Record<string, string> = {
  idType: '身份证、护照或其他；不填视为身份证',
  idNumber: '身份证须为 18 位并通过校验；请将该列设置为"文本"格式',
  phone: '11 位手机号或固定电话',
  transportMode: `公路、铁路、航空或其他（也可填：汽车、火车、高铁、飞机等）`,
  transportNumber: '火车填车次，飞机填航班号，公路填车牌号',
  arrivedAt: '如 2026-12-01 08:30、2026/12/1 8:30 或 2026年12月1日 8时30分，亦可为 Excel 日期时间单元格',
  checkpoint: '报送名单的卡口、车站或机场',
};

/** A checked row: what is stored, personal data already protected. */
export interface ArrivalRow {
  name: string;
  idType: string;
  idCipher: Buffer;
  idHash: Buffer;
  idMasked: string;
  phoneCipher: Buffer | null;
  phoneMasked: string | null;
  transportMode: TransportMode;
  transportNumber: string;
  carriage: string | null;
  seat: string | null;
  origin: string | null;
  arrivedAt: Date;
  checkpoint: string | null;
}

/** An arrival time further ahead than this is a mistake in the list. */
const FUTURE_MS = 24 * 3_600_000;

export const arrivalImport = defineImportKind<ArrivalRow>({
  permission: 'arrival:import',
  fields: FIELDS,
  notes: NOTES,
  fileKey: ['idNumber', 'transportNumber', 'arrivedAt'],
  keyField: 'idNumber',

  parse(values, issue, { vault, now }) {
    let failed = false;
    const fail: typeof issue = (field, code, extra) => {
      failed = true;
      issue(field, code, extra);
    };
    const idType = values.idType ? documentType(values.idType) : 'id_card';
    if (!idType) fail('idType', 'IMPORT_CELL_INVALID', { allowed: '身份证、护照、其他' });
    const mode = transportMode(values.transportMode ?? '');
    if (!mode) fail('transportMode', 'IMPORT_CELL_INVALID', { allowed: '公路、铁路、航空、其他' });
    const arrivedAt = readDateTime(values.arrivedAt ?? '');
    if (!arrivedAt || arrivedAt.getTime() > now.getTime() + FUTURE_MS) fail('arrivedAt', 'IMPORT_CELL_INVALID', { allowed: 'YYYY-MM-DD HH:mm' });
    const identity = idType ? checkIdentity(idType, values.idNumber ?? '', {}, now) : null;
    if (identity && !identity.ok) fail('idNumber', identity.code, identity.reason ? { reason: identity.reason } : {});
    let phone: ReturnType<typeof protect> | null = null;
    if (values.phone) {
      const checked = checkPhone(values.phone);
      if (checked.ok) phone = protect(vault, 'phone', checked.value);
      else fail('phone', 'PHONE_INVALID');
    }
    if (failed || !identity?.ok || !mode || !arrivedAt || !idType) return null;
    const id = protect(vault, 'id_number', identity.value.idNumber);
    const value: ArrivalRow = {
      name: values.name!,
      idType,
      idCipher: id.cipher,
      idHash: id.hash,
      idMasked: id.masked,
      phoneCipher: phone?.cipher ?? null,
      phoneMasked: phone?.masked ?? null,
      transportMode: mode,
      transportNumber: (values.transportNumber ?? '').normalize('NFKC').toUpperCase(),
      carriage: values.carriage ?? null,
      seat: values.seat ?? null,
      origin: values.origin ?? null,
      arrivedAt,
      checkpoint: values.checkpoint ?? null,
    };
    return {
      value,
      display: {
        name: value.name, idType, idNumber: value.idMasked, phone: value.phoneMasked, transportMode: mode, transportNumber: value.transportNumber || null,
        carriage: value.carriage, seat: value.seat, origin: value.origin, arrivedAt: localDateTime(arrivedAt), checkpoint: value.checkpoint,
      },
    };
  },

  async store(batch, rows) {
    const { db, ctx } = batch;
    const residents = await residentsByIdHash(db, [...new Map(rows.map((r) => [r.value.idHash.toString('hex'), r.value.idHash])).values()]);
    const now = ctx.clock.now();
    const values = rows.map(({ value }) => {
      const resident = residents.get(value.idHash.toString('hex'));
      return {
        id: randomUUID(),
        ...value,
        source: 'import',
        importId: batch.importId,
        importRegionCode: ctx.actor.regionCode,
        residentId: resident?.id ?? null,
        regionCode: resident?.regionCode ?? ctx.actor.regionCode,
        gridId: resident?.gridId ?? null,
        status: 'pending',
        createdBy: ctx.actor.id,
        createdAt: now,
      };
    });
    // One arrival per person, trip and time: a row already imported (this file earlier, or another list) adds nothing.
    const inserted = await db.insert(arrival).values(values).onConflictDoNothing({ target: [arrival.idHash, arrival.transportNumber, arrival.arrivedAt] }).returning({ id: arrival.id });
    const made = new Set(inserted.map((r) => r.id));
    const matched = values.filter((v) => made.has(v.id) && v.residentId).length;
    // A new arrival is evidence for the person's health code (kit/evidence.ts).
    await batch.evidenceChanged(values.filter((v) => made.has(v.id)).map((v) => v.residentId ?? documentKey(v.idHash)));
    // A row already on record is "unchanged" only when the importer could see it; one kept out of
    // their scope (another region imported it, the person lives elsewhere) counts as taken, so the
    // counts tell nothing of records the importer may not see.
    const known = values.filter((v) => !made.has(v.id));
    const hidden = known.length ? await outOfScopeTrips(db, ctx.actor.regionPrefix, known) : 0;
    if (made.size + hidden > 0) {
      await writeAudit(db, ctx, {
        action: 'arrival.import',
        objectType: 'import',
        objectId: batch.importId,
        regionCode: ctx.actor.regionCode,
        details: { created: made.size, matched, unmatched: made.size - matched, unchanged: rows.length - made.size - hidden, elsewhere: hidden },
      });
    }
    // Survey campaigns that visit arrivals take the newly matched ones' households.
    if (matched > 0) await batch.react('arrival', 'import');
    return { created: made.size + hidden, unchanged: rows.length - made.size - hidden };
  },
});

/** How many of these trips are on record only outside the prefix (neither where the person lives nor imported there). */
async function outOfScopeTrips(db: Db, prefix: string, trips: ReadonlyArray<{ idHash: Buffer; transportNumber: string; arrivedAt: Date }>): Promise<number> {
  const keys = trips.map((t) => ({ h: t.idHash.toString('hex'), n: t.transportNumber, a: t.arrivedAt.toISOString() }));
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) k(h text, n text, a timestamptz)
        join ${arrival} x on x.id_hash = decode(k.h, 'hex') and x.transport_number = k.n and x.arrived_at = k.a
        where x.region_code not like ${`${prefix}%`} and x.import_region_code not like ${`${prefix}%`}`,
  );
  return r!.n;
}
