/**
 * Buildings, dwellings, venues and facilities as import targets. Natural keys are what a
 * spreadsheet has: a building by its name in its grid, a dwelling by its building (name and
 * grid code), unit and room, a venue by its name in its grid, a facility by its asset code.
 */
import {
  BUILDING_KIND_LABELS, DWELLING_USE_LABELS, FACILITY_KIND_LABELS, FACILITY_STATUS_LABELS, VENUE_KIND_LABELS,
} from '../../registers/labels.js';
import { findLiveRecords } from '../../registers/bulk-writer.js';
import { newVenueCode } from '../../registers/venues.js';
import type { FieldSpec } from '../fields.js';
import type { KindImport, ParsedRow } from '../row-target.js';
import { allowedOf, maskedPhone, plainText, readContactPhone, readNumber, readWord, readYesNo, wordTable } from './parse.js';

export const GRID_CODE: FieldSpec = { field: 'gridCode', zh: '网格编码', en: 'Grid code', required: true, max: 40, aliases: ['网格代码', '网格编号', '所属网格编码', 'grid', 'gridcode'], normalize: 'code' };
export const NOTES_FIELD: FieldSpec = { field: 'notes', zh: '备注', en: 'Notes', required: false, max: 500, aliases: ['说明', 'remarks', 'note'] };
export const ADDRESS: FieldSpec = { field: 'address', zh: '地址', en: 'Address', required: false, max: 200, aliases: ['详细地址', '所在地址', '住址', '位置'] };
export const LON: FieldSpec = { field: 'lon', zh: '经度', en: 'Longitude', required: false, max: 30, aliases: ['lng', 'x', 'long'] };
export const LAT: FieldSpec = { field: 'lat', zh: '纬度', en: 'Latitude', required: false, max: 30, aliases: ['y'] };
const GRID_NOTE = '15 位网格编码，须在您的管辖范围内';
const POINT_NOTES = { lon: '十进制度数，如 112.9823', lat: '十进制度数，如 28.1941' };

/** Longitude and latitude when mapped; each an issue when not a number in range. */
function point(values: Record<string, string | null>, issue: Parameters<KindImport['parse']>[1], mapped: ReadonlySet<string>): Record<string, number | null> | null {
  const out: Record<string, number | null> = {};
  let ok = true;
  for (const [field, limit] of [['lon', 180], ['lat', 90]] as const) {
    if (!mapped.has(field)) continue;
    const n = readNumber(values, field, issue, { min: -limit, max: limit });
    if (n === null) ok = false;
    out[field] = n ?? null;
  }
  return ok ? out : null;
}

/** Coded values as the preview shows them: the codes, which the web labels in the user's language. */
export function codes(read: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(read).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function display(values: Record<string, string | null>, mapped: ReadonlySet<string>, phones: readonly string[] = []): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of mapped) out[f] = phones.includes(f) ? maskedPhone(values[f]) : (values[f] ?? null);
  return out;
}

// ---------- buildings ----------
const BUILDING_WORDS = wordTable(BUILDING_KIND_LABELS, { 住宅楼: 'residential', 居民楼: 'residential', 商业楼: 'commercial', 商住: 'mixed', 写字楼: 'commercial', 厂房: 'industrial' });

export const buildingImport: KindImport = {
  register: 'building',
  fields: [
    { field: 'name', zh: '楼栋名称', en: 'Building name', required: true, max: 100, aliases: ['楼栋', '楼栋号', '楼宇名称', '名称', 'name', 'building'] },
    { field: 'kind', zh: '楼栋类型', en: 'Building type', required: false, max: 20, aliases: ['类型', '建筑类型', '房屋类型', 'type', 'kind'] },
    GRID_CODE,
    ADDRESS,
    { field: 'floors', zh: '层数', en: 'Floors', required: false, max: 10, aliases: ['楼层数', '总层数', '地上层数'] },
    { field: 'units', zh: '单元数', en: 'Units', required: false, max: 10, aliases: ['单元'] },
    LON,
    LAT,
    NOTES_FIELD,
  ],
  notes: { name: '同一网格内不得重名；已有同名楼栋时更新该楼栋', kind: `默认为住宅；可填：${allowedOf(BUILDING_KIND_LABELS)}`, gridCode: GRID_NOTE, floors: '1–200 的整数', units: '1–100 的整数', ...POINT_NOTES },
  fileKey: ['gridCode', 'name'],
  keyField: 'name',
  storedKey: ['gridId', 'name'],
  lookupBy: ['gridId', 'name'],
  onCreate: (c) => ({ kind: 'residential', ...c }),
  parse(values, issue, { mapped }) {
    const kind = readWord(values, 'kind', BUILDING_WORDS, BUILDING_KIND_LABELS, issue);
    const floors = readNumber(values, 'floors', issue, { min: 1, max: 200, integer: true });
    const units = readNumber(values, 'units', issue, { min: 1, max: 100, integer: true });
    const at = point(values, issue, mapped);
    if (kind === null || floors === null || units === null || !at) return null;
    const columns: Record<string, unknown> = { name: values.name, ...plainText(values, ['address', 'notes'], mapped), ...at };
    if (kind) columns.kind = kind;
    if (mapped.has('floors')) columns.floors = floors ?? null;
    if (mapped.has('units')) columns.units = units ?? null;
    return { columns, gridCode: values.gridCode ?? null, refs: {}, display: { ...display(values, mapped), ...codes({ kind }) } } satisfies ParsedRow;
  },
};

// ---------- dwellings ----------
const DWELLING_WORDS = wordTable(DWELLING_USE_LABELS, { 自用: 'owner_occupied', 自有: 'owner_occupied', 出租房: 'rented', 租赁: 'rented', 闲置: 'vacant', 空房: 'vacant', 商用: 'business', 门面: 'business' });

export const dwellingImport: KindImport = {
  register: 'dwelling',
  fields: [
    { field: 'building', zh: '楼栋名称', en: 'Building name', required: true, max: 100, aliases: ['楼栋', '所属楼栋', '楼栋号', '楼宇', 'building', 'buildingname'] },
    { ...GRID_CODE, aliases: [...GRID_CODE.aliases, '楼栋网格编码'] },
    { field: 'unit', zh: '单元', en: 'Unit', required: false, max: 20, aliases: ['单元号', '单元名称'] },
    { field: 'floor', zh: '楼层', en: 'Floor', required: false, max: 10, aliases: ['所在楼层', '层'] },
    { field: 'room', zh: '房号', en: 'Room', required: true, max: 20, aliases: ['房间号', '门牌号', '室', '房屋号', 'roomno'] },
    { field: 'area', zh: '面积', en: 'Area', required: false, max: 20, aliases: ['建筑面积', '面积㎡', '面积m2', '面积平方米', 'area'] },
    { field: 'use', zh: '用途', en: 'Use', required: false, max: 20, aliases: ['房屋用途', '使用情况', '使用性质', 'use'] },
    NOTES_FIELD,
  ],
  notes: {
    building: '所在网格内已登记的楼栋名称（与网格编码一起确定楼栋）',
    gridCode: `楼栋所在网格的编码；${GRID_NOTE}`,
    room: '同一楼栋同一单元内不得重复；已有时更新该房屋',
    floor: '-10–200 的整数',
    area: '平方米，0–100000',
    use: `默认为自住；可填：${allowedOf(DWELLING_USE_LABELS)}`,
  },
  fileKey: ['gridCode', 'building', 'unit', 'room'],
  keyField: 'room',
  storedKey: ['buildingId', 'unit', 'room'],
  lookupBy: ['buildingId', 'room'],
  onCreate: (c) => ({ use: 'owner_occupied', ...c }),
  parse(values, issue, { mapped }) {
    const use = readWord(values, 'use', DWELLING_WORDS, DWELLING_USE_LABELS, issue);
    const floor = readNumber(values, 'floor', issue, { min: -10, max: 200, integer: true });
    const area = readNumber(values, 'area', issue, { min: 0, max: 100_000 });
    if (use === null || floor === null || area === null) return null;
    const columns: Record<string, unknown> = { room: values.room, ...plainText(values, ['notes'], mapped) };
    // The unit is part of the key: an unmapped unit means none.
    columns.unit = values.unit ?? null;
    if (use) columns.use = use;
    if (mapped.has('floor')) columns.floor = floor ?? null;
    if (mapped.has('area')) columns.area = area ?? null;
    return { columns, gridCode: values.gridCode ?? null, refs: { building: values.building ?? null }, display: { ...display(values, mapped), ...codes({ use }) } };
  },
  async place(batch, rows, grids) {
    // The building by name in the named grid (in scope); the dwelling lives in its building's grid.
    const wanted = rows.flatMap((r) => {
      const grid = r.parsed.gridCode ? grids(r.parsed.gridCode) : null;
      if (!grid) batch.fail(r, 'gridCode', 'IMPORT_GRID_OUT_OF_SCOPE');
      return grid ? [{ r, grid }] : [];
    });
    const found = await findLiveRecords(batch.db, 'building', { gridId: wanted.map((w) => w.grid.id), name: wanted.map((w) => w.r.parsed.refs.building) });
    const byKey = new Map(found.map((b) => [`${b.gridId}\u0000${String(b.name)}`, b]));
    for (const { r, grid } of wanted) {
      const b = byKey.get(`${grid.id}\u0000${String(r.parsed.refs.building)}`);
      if (!b) {
        batch.fail(r, 'building', 'REGISTER_REFERENCE_INVALID');
        continue;
      }
      r.grid = { id: b.gridId, regionCode: b.regionCode } as typeof grid;
      r.columns.buildingId = b.id;
    }
  },
};

// ---------- venues ----------
const VENUE_WORDS = wordTable(VENUE_KIND_LABELS, { 市场: 'market', 菜市场: 'market', 超市: 'supermarket', 商超: 'supermarket', 医院: 'hospital', 餐馆: 'restaurant', 饭店: 'restaurant', 餐厅: 'restaurant', 酒店: 'hotel', 宾馆: 'hotel', 旅馆: 'hotel', 医疗机构: 'hospital', 诊所: 'hospital', 娱乐: 'entertainment' });

export const venueImport: KindImport = {
  register: 'venue',
  fields: [
    { field: 'name', zh: '场所名称', en: 'Venue name', required: true, max: 100, aliases: ['名称', '场所', 'name', 'venue'] },
    { field: 'kind', zh: '场所类型', en: 'Venue type', required: true, max: 20, aliases: ['类型', '场所类别', 'type', 'kind'] },
    GRID_CODE,
    ADDRESS,
    { field: 'keyPlace', zh: '重点场所', en: 'Key place', required: false, max: 10, aliases: ['是否重点场所', '是否重点', 'keyplace'] },
    { field: 'keyReason', zh: '重点原因', en: 'Key reason', required: false, max: 200, aliases: ['列管原因', '重点场所原因'] },
    { field: 'contactName', zh: '联系人', en: 'Contact', required: false, max: 50, aliases: ['负责人', 'contactname', 'contact'] },
    { field: 'contactPhone', zh: '联系电话', en: 'Contact phone', required: false, max: 20, aliases: ['电话', '手机', '联系方式', 'phone', 'contactphone'], normalize: 'phone' },
    LON,
    LAT,
    NOTES_FIELD,
  ],
  notes: { name: '同一网格内不得重名；已有同名场所时更新该场所', kind: `可填：${allowedOf(VENUE_KIND_LABELS)}`, gridCode: GRID_NOTE, keyPlace: '是、否（默认为否）', contactPhone: '手机号或带区号的固定电话', ...POINT_NOTES },
  fileKey: ['gridCode', 'name'],
  keyField: 'name',
  storedKey: ['gridId', 'name'],
  lookupBy: ['gridId', 'name'],
  onCreate: (c) => ({ keyPlace: false, ...c, venueCode: newVenueCode() }),
  parse(values, issue, { vault, mapped }) {
    const kind = readWord(values, 'kind', VENUE_WORDS, VENUE_KIND_LABELS, issue);
    const keyPlace = readYesNo(values, 'keyPlace', issue);
    const phone = readContactPhone(vault, values, 'contactPhone', issue);
    const at = point(values, issue, mapped);
    if (!kind || keyPlace === null || !phone || !at) return null;
    const columns: Record<string, unknown> = { name: values.name, kind, ...plainText(values, ['address', 'keyReason', 'contactName', 'notes'], mapped), ...phone, ...at };
    if (mapped.has('keyPlace')) columns.keyPlace = keyPlace ?? false;
    return { columns, gridCode: values.gridCode ?? null, refs: {}, display: { ...display(values, mapped, ['contactPhone']), ...codes({ kind }) } };
  },
};

// ---------- facilities ----------
const FACILITY_WORDS = wordTable(FACILITY_KIND_LABELS, { 监控: 'camera', 摄像头: 'camera', 摄像机: 'camera', 道闸: 'gate', 门禁: 'gate', 消火栓: 'fire_hydrant', 窨井盖: 'manhole_cover' });
const STATUS_WORDS = wordTable(FACILITY_STATUS_LABELS, { 完好: 'normal', 在用: 'normal', 破损: 'damaged', 故障: 'damaged', 丢失: 'missing' });

export const facilityImport: KindImport = {
  register: 'facility',
  fields: [
    { field: 'code', zh: '部件编码', en: 'Asset code', required: true, max: 40, aliases: ['编码', '设施编码', '资产编码', '编号', 'code'] },
    { field: 'name', zh: '部件名称', en: 'Name', required: false, max: 100, aliases: ['名称', '设施名称', 'name'] },
    { field: 'kind', zh: '部件类型', en: 'Facility type', required: true, max: 20, aliases: ['类型', '设施类型', 'type', 'kind'] },
    { field: 'status', zh: '状态', en: 'Status', required: false, max: 10, aliases: ['部件状态', '使用状态', 'status'] },
    { field: 'department', zh: '权属部门', en: 'Department', required: false, max: 100, aliases: ['管理部门', '主管部门', '权属单位', 'department'] },
    GRID_CODE,
    { ...LON, required: true },
    { ...LAT, required: true },
    NOTES_FIELD,
  ],
  notes: { code: '全系统唯一；已有该编码的部件时更新它', kind: `可填：${allowedOf(FACILITY_KIND_LABELS)}`, status: `默认为正常；可填：${allowedOf(FACILITY_STATUS_LABELS)}`, gridCode: GRID_NOTE, ...POINT_NOTES },
  fileKey: ['code'],
  keyField: 'code',
  storedKey: ['code'],
  lookupBy: ['code'],
  onCreate: (c) => ({ status: 'normal', ...c }),
  parse(values, issue, { mapped }) {
    const kind = readWord(values, 'kind', FACILITY_WORDS, FACILITY_KIND_LABELS, issue);
    const status = readWord(values, 'status', STATUS_WORDS, FACILITY_STATUS_LABELS, issue);
    const at = point(values, issue, mapped);
    if (!kind || status === null || !at || at.lon == null || at.lat == null) return null;
    const columns: Record<string, unknown> = { code: values.code, kind, ...plainText(values, ['name', 'department', 'notes'], mapped), ...at };
    if (status) columns.status = status;
    return { columns, gridCode: values.gridCode ?? null, refs: {}, display: { ...display(values, mapped), ...codes({ kind, status }) } };
  },
};
