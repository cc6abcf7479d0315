/**
 * The import kind `device` (an xlsx or csv of devices, e.g. a vendor's delivery list): each row a
 * new device of the importer's subtree, checked like one registered by hand (code against kind,
 * region, grid by code, owner department by name). The imports module does the rest (upload,
 * mapping, preview, batches, the error report with reasons in zh-CN or English). A code already
 * registered is refused on its row, never overwritten.
 */
import { inArray } from 'drizzle-orm';
import { DEFAULT_SILENCE_SECONDS, DEVICE_KINDS, DEVICE_PROTOCOLS, DEVICES_ENUM_LABELS, type DeviceKind, type DeviceProtocol, type ErrorCode } from '@gridgov/contracts';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/client.js';
import { ancestorCodes } from '../../platform/scope.js';
import { defineImportKind, type FieldSpec } from '../../platform/imports/kind.js';
import { findDepartmentByName } from '../departments/queries.js';
import { gridsByCode } from '../grids/queries.js';
import { checkDevice } from './devices.js';
import { device } from './tables.js';

export const DEVICE_IMPORT_KIND = 'device';

/** The department of that name at the device's region or the nearest region above it (a county's 城管局 keeps a community's cameras). */
async function departmentNamed(db: Db, regionCode: string, name: string): Promise<string | null> {
  for (const code of [regionCode, ...ancestorCodes(regionCode).reverse()]) {
    const id = await findDepartmentByName(db, code, name);
    if (id) return id;
  }
  return null;
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'code', zh: '设备编码', en: 'Code', required: true, max: 64, aliases: ['国标编码', '设备编号', '设备ID', 'deviceid', 'code'] },
  { field: 'name', zh: '设备名称', en: 'Name', required: true, max: 100, aliases: ['名称', 'name'] },
  { field: 'kind', zh: '设备类型', en: 'Kind', required: true, max: 30, aliases: ['类型', 'kind', 'type'] },
  { field: 'protocol', zh: '接入协议', en: 'Protocol', required: true, max: 20, aliases: ['协议', 'protocol'] },
  { field: 'regionCode', zh: '区划代码', en: 'Region code', required: true, max: 12, aliases: ['所属区划', '行政区划代码', 'regioncode'], normalize: 'code' },
  { field: 'gridCode', zh: '网格编码', en: 'Grid code', required: false, max: 40, aliases: ['网格', 'gridcode', 'grid'] },
  { field: 'lng', zh: '经度', en: 'Longitude', required: false, max: 20, aliases: ['lng', 'lon', 'longitude'] },
  { field: 'lat', zh: '纬度', en: 'Latitude', required: false, max: 20, aliases: ['lat', 'latitude'] },
  { field: 'address', zh: '安装地址', en: 'Address', required: false, max: 200, aliases: ['地址', '位置', 'address'] },
  { field: 'department', zh: '责任部门', en: 'Owner department', required: false, max: 100, aliases: ['部门', '维护部门', 'department'] },
  { field: 'vendor', zh: '厂商', en: 'Vendor', required: false, max: 60, aliases: ['生产厂商', '品牌', 'vendor', 'manufacturer'] },
  { field: 'model', zh: '型号', en: 'Model', required: false, max: 60, aliases: ['规格型号', 'model'] },
  { field: 'heading', zh: '朝向', en: 'Heading', required: false, max: 20, aliases: ['方位角', '朝向角', 'heading', 'direction'] },
  { field: 'fovDeg', zh: '视角', en: 'Field of view', required: false, max: 20, aliases: ['水平视角', '视场角', 'fov', 'fovdeg'] },
  { field: 'rangeM', zh: '视距', en: 'Range', required: false, max: 20, aliases: ['监控距离', '可视距离', 'range', 'rangem'] },
];

const kindWords = new Map<string, DeviceKind>(DEVICE_KINDS.flatMap((k) => [[k, k], [DEVICES_ENUM_LABELS.deviceKind[k].zh, k], [DEVICES_ENUM_LABELS.deviceKind[k].en.toLowerCase(), k]] as [string, DeviceKind][]));
const protocolWords = new Map<string, DeviceProtocol>(DEVICE_PROTOCOLS.flatMap((p) => [[p, p], [p.replace('gat', 'ga/t '), p], [p.replace('gb', 'gb/t '), p]] as [string, DeviceProtocol][]));

const NOTES: Record<string, string> = {
  code: '视频设备（摄像机、录像机、平台、测温摄像机、卡口）填20位国标编码，其他设备填厂商设备编号',
  kind: DEVICE_KINDS.map((k) => DEVICES_ENUM_LABELS.deviceKind[k].zh).join('、'),
  protocol: DEVICE_PROTOCOLS.join('、'),
  regionCode: '12位统计用区划代码，须在本辖区内',
  gridCode: '本辖区网格的编码，可不填',
  lng: '如 111.6985',
  lat: '如 29.0318',
  department: '本区划已建部门的名称，可不填',
  heading: '摄像机朝向，正北为0度顺时针计（0–360），可不填',
  fovDeg: '水平视角（度，1–360），可不填',
  rangeM: '有效视距（米，1–500），可不填',
};

interface DeviceImportRow {
  code: string;
  name: string;
  kind: DeviceKind;
  protocol: DeviceProtocol;
  regionCode: string;
  gridCode: string | null;
  lng: number | null;
  lat: number | null;
  address: string | null;
  department: string | null;
  vendor: string | null;
  model: string | null;
  heading: number | null;
  fovDeg: number | null;
  rangeM: number | null;
}

const FIELD_OF: Record<string, string> = { code: 'code', regionCode: 'regionCode', gridId: 'gridCode', parentId: 'code', departmentId: 'department' };

export const deviceImport = defineImportKind<DeviceImportRow>({
  permission: 'device:manage',
  fields: FIELDS,
  notes: NOTES,
  fileKey: ['code'],
  keyField: 'code',

  parse(values, issue) {
    let failed = false;
    const kind = kindWords.get((values.kind ?? '').trim().toLowerCase());
    if (!kind) {
      failed = true;
      issue('kind', 'IMPORT_CELL_INVALID', { allowed: NOTES.kind });
    }
    const protocol = protocolWords.get((values.protocol ?? '').trim().toLowerCase());
    if (!protocol) {
      failed = true;
      issue('protocol', 'IMPORT_CELL_INVALID', { allowed: NOTES.protocol });
    }
    const regionCode = (values.regionCode ?? '').replace(/\s/g, '');
    if (!/^\d{12}$/.test(regionCode)) {
      failed = true;
      issue('regionCode', 'IMPORT_CELL_INVALID', { allowed: '12 digits' });
    }
    const number = (field: 'lng' | 'lat' | 'heading' | 'fovDeg' | 'rangeM', min: number, max: number): number | null => {
      const text = values[field]?.replace(/[°度米m\s]/gi, '');
      if (!text) return null;
      const n = Number(text);
      if (!Number.isFinite(n) || n < min || n > max) {
        failed = true;
        issue(field, 'IMPORT_CELL_INVALID', { allowed: `${min}–${max}` });
        return null;
      }
      return n;
    };
    const lng = number('lng', -180, 180);
    const lat = number('lat', -90, 90);
    const heading = number('heading', 0, 360);
    const fovDeg = number('fovDeg', 1, 360);
    const rangeM = number('rangeM', 1, 500);
    if ((lng === null) !== (lat === null) && !failed) {
      failed = true;
      issue(lng === null ? 'lng' : 'lat', 'IMPORT_CELL_REQUIRED');
    }
    if (failed) return null;
    const value: DeviceImportRow = {
      code: values.code!.trim(), name: values.name!.trim(), kind: kind!, protocol: protocol!, regionCode, gridCode: values.gridCode ?? null, lng, lat,
      address: values.address ?? null, department: values.department ?? null, vendor: values.vendor ?? null, model: values.model ?? null, heading, fovDeg, rangeM,
    };
    const shown = (n: number | null) => (n === null ? null : String(n));
    return { value, display: { ...value, kind: DEVICES_ENUM_LABELS.deviceKind[value.kind].zh, lng: shown(lng), lat: shown(lat), heading: shown(heading), fovDeg: shown(fovDeg), rangeM: shown(rangeM) } };
  },

  async store(batch, rows) {
    const { db, ctx } = batch;
    const now = ctx.clock.now();
    const taken = new Set((await db.select({ code: device.code }).from(device).where(inArray(device.code, rows.map((r) => r.value.code)))).map((d) => d.code));
    const grids = await gridsByCode(db, ctx.actor, rows.flatMap((r) => (r.value.gridCode ? [r.value.gridCode] : [])));
    let created = 0;
    for (const { row, value } of rows) {
      if (taken.has(value.code)) {
        batch.fail(row, 'code', 'DEVICE_CODE_TAKEN');
        continue;
      }
      const gridId = value.gridCode ? (grids.get(value.gridCode)?.id ?? null) : null;
      if (value.gridCode && !gridId) {
        batch.fail(row, 'gridCode', 'DEVICE_GRID');
        continue;
      }
      const departmentId = value.department ? await departmentNamed(db, value.regionCode, value.department) : null;
      if (value.department && !departmentId) {
        batch.fail(row, 'department', 'DEVICE_DEPARTMENT');
        continue;
      }
      const input = {
        code: value.code, name: value.name, kind: value.kind, protocol: value.protocol, parentId: null, regionCode: value.regionCode, gridId, lng: value.lng, lat: value.lat,
        address: value.address, departmentId, vendor: value.vendor, model: value.model, silenceSeconds: null,
        heading: value.heading, fovDeg: value.fovDeg, rangeM: value.rangeM, compoundType: null, compoundId: null,
      };
      let typeCode: string | null;
      try {
        typeCode = await checkDevice(db, ctx.actor, input, null);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const field = (error.details as { fields?: { field: string }[] } | undefined)?.fields?.[0]?.field ?? null;
        batch.fail(row, field ? (FIELD_OF[field] ?? field) : null, error.code as ErrorCode);
        continue;
      }
      await db.insert(device).values({ id: crypto.randomUUID(), ...input, typeCode, silenceSeconds: DEFAULT_SILENCE_SECONDS[value.kind], status: 'unknown', version: 1, createdAt: now, updatedAt: now });
      taken.add(value.code);
      created++;
    }
    await writeAudit(db, ctx, { action: 'device.import', objectType: 'import', objectId: batch.importId, details: { import: batch.importId, rows: rows.length, created } });
    return { created, unchanged: 0 };
  },
});
