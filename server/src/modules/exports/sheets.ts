/**
 * What an export of each register contains: a Chinese title, Chinese column headers and the
 * value of each cell, read from the register's presented (masked) records. Personal-data
 * columns show their full value only in an unmasked export.
 */
import type { Building, Dwelling, Facility, Household, Organization, RegisterKind, Resident, Venue } from '@gridgov/contracts';
import type { RegisterDeps } from '../registers/deps.js';
import type { BaseRow, RegisterSpec, UnmaskField } from '../registers/engine.js';
import { countExportRecords, hasPersonalData, iterateExportRecords, revealField, type ListFilters, type RecordScope } from '../registers/export-source.js';
import { residentSpec } from '../registers/residents.js';
import { householdSpec } from '../registers/households.js';
import { buildingSpec } from '../registers/buildings.js';
import { dwellingSpec } from '../registers/dwellings.js';
import { venueSpec } from '../registers/venues.js';
import { facilitySpec } from '../registers/facilities.js';
import { organizationSpec } from '../registers/organizations.js';
import {
  BUILDING_KIND_LABELS, DWELLING_USE_LABELS, FACILITY_KIND_LABELS, FACILITY_STATUS_LABELS, HOUSEHOLD_KIND_LABELS, ID_TYPE_LABELS, ORGANIZATION_KIND_LABELS,
  RELATION_LABELS, RESIDENT_KIND_LABELS, SEX_LABELS, TAG_LABELS, VENUE_KIND_LABELS,
} from '../registers/labels.js';
import { neutralise, type Cell } from '../../platform/csv.js';

const yesNo = (value: boolean): string => (value ? '是' : '否');

interface Column<Out> {
  header: string;
  value(item: Out): Cell;
  /** A personal-data column: its full value in an unmasked export. */
  personal?: UnmaskField;
  width?: number;
}

/**
 * What every register kind offers to exports: one interface, implemented for each kind by
 * `exportSource` over its register spec and its columns.
 */
export interface ExportSource {
  kind: RegisterKind;
  /** Register name: sheet name and start of the file name. */
  title: string;
  columns: { header: string; width: number }[];
  /** Whether an unmasked export of this register shows anything more. */
  hasPersonalData: boolean;
  count(deps: RegisterDeps, scope: RecordScope, filters: ListFilters): Promise<number>;
  /** The rows, a page at a time, every text cell neutralised. */
  pages(deps: RegisterDeps, scope: RecordScope, filters: ListFilters, unmask: boolean): AsyncGenerator<Cell[][]>;
}

function exportSource<Row extends BaseRow, Out>(spec: RegisterSpec<Row, Out>, title: string, columns: Column<Out>[]): ExportSource {
  return {
    kind: spec.kind,
    title,
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 14 })),
    hasPersonalData: hasPersonalData(spec),
    count: (deps, scope, filters) => countExportRecords(deps, spec, scope, filters),
    async *pages(deps, scope, filters, unmask) {
      for await (const page of iterateExportRecords(deps, spec, scope, filters)) {
        yield page.items.map((item, i) =>
          columns.map((c) => neutralise(unmask && c.personal ? revealField(deps, spec, page.rows[i]!, c.personal) : c.value(item))),
        );
      }
    },
  };
}

const grid = <Out extends { gridName: string }>(): Column<Out> => ({ header: '网格', value: (r) => r.gridName, width: 20 });
const notes = <Out extends { notes: string | null }>(): Column<Out> => ({ header: '备注', value: (r) => r.notes, width: 30 });
const lonLat = <Out extends { lon: number | null; lat: number | null }>(): Column<Out>[] => [
  { header: '经度', value: (r) => r.lon },
  { header: '纬度', value: (r) => r.lat },
];

/** The export source of every register kind. */
export const EXPORT_SOURCES: Record<RegisterKind, ExportSource> = {
  resident: exportSource(residentSpec, '人口台账', [
    { header: '姓名', value: (r) => r.name },
    { header: '证件类型', value: (r) => ID_TYPE_LABELS[r.idType] },
    { header: '证件号码', value: (r) => r.idNumberMasked, personal: 'idNumber', width: 22 },
    { header: '性别', value: (r) => (r.sex ? SEX_LABELS[r.sex] : null), width: 6 },
    { header: '出生年份', value: (r) => r.birthYear, width: 10 },
    { header: '联系电话', value: (r) => r.phoneMasked, personal: 'phone', width: 16 },
    { header: '人员类别', value: (r) => RESIDENT_KIND_LABELS[r.kind] },
    { header: '民族', value: (r) => r.ethnicity, width: 8 },
    { header: '国籍', value: (r) => r.nationality, width: 8 },
    { header: '户籍地址', value: (r) => r.registeredAddress, width: 30 },
    { header: '现住址', value: (r) => r.address, width: 30 },
    grid<Resident>(),
    { header: '房屋', value: (r) => r.dwellingLabel, width: 20 },
    { header: '标签', value: (r) => r.tags.map((t) => TAG_LABELS[t as keyof typeof TAG_LABELS] ?? t).join('、'), width: 20 },
    notes<Resident>(),
  ]),
  household: exportSource(householdSpec, '住户台账', [
    { header: '户号', value: (h) => h.number },
    { header: '户类型', value: (h) => HOUSEHOLD_KIND_LABELS[h.kind] },
    grid<Household>(),
    { header: '房屋', value: (h) => h.dwellingLabel, width: 20 },
    { header: '地址', value: (h) => h.address, width: 30 },
    { header: '人数', value: (h) => h.members.length, width: 6 },
    { header: '成员', value: (h) => h.members.map((m) => `${m.name}（${RELATION_LABELS[m.relation]}）`).join('、'), width: 40 },
    notes<Household>(),
  ]),
  building: exportSource(buildingSpec, '楼栋台账', [
    { header: '名称', value: (b) => b.name },
    { header: '类型', value: (b) => BUILDING_KIND_LABELS[b.kind] },
    grid<Building>(),
    { header: '地址', value: (b) => b.address, width: 30 },
    { header: '层数', value: (b) => b.floors, width: 6 },
    { header: '单元数', value: (b) => b.units, width: 8 },
    { header: '房屋数', value: (b) => b.dwellingCount, width: 8 },
    ...lonLat<Building>(),
    notes<Building>(),
  ]),
  dwelling: exportSource(dwellingSpec, '房屋台账', [
    { header: '楼栋', value: (d) => d.buildingName },
    { header: '单元', value: (d) => d.unit, width: 8 },
    { header: '楼层', value: (d) => d.floor, width: 6 },
    { header: '房号', value: (d) => d.room, width: 8 },
    { header: '面积（㎡）', value: (d) => d.area, width: 10 },
    { header: '用途', value: (d) => DWELLING_USE_LABELS[d.use] },
    grid<Dwelling>(),
    notes<Dwelling>(),
  ]),
  venue: exportSource(venueSpec, '场所台账', [
    { header: '名称', value: (v) => v.name, width: 24 },
    { header: '类型', value: (v) => VENUE_KIND_LABELS[v.kind] },
    { header: '场所码', value: (v) => v.venueCode },
    { header: '重点场所', value: (v) => yesNo(v.keyPlace), width: 8 },
    { header: '重点原因', value: (v) => v.keyReason, width: 20 },
    { header: '地址', value: (v) => v.address, width: 30 },
    { header: '联系人', value: (v) => v.contactName },
    { header: '联系电话', value: (v) => v.contactPhoneMasked, personal: 'contactPhone', width: 16 },
    grid<Venue>(),
    ...lonLat<Venue>(),
    notes<Venue>(),
  ]),
  facility: exportSource(facilitySpec, '部件台账', [
    { header: '编码', value: (f) => f.code, width: 18 },
    { header: '名称', value: (f) => f.name, width: 20 },
    { header: '类型', value: (f) => FACILITY_KIND_LABELS[f.kind] },
    { header: '状态', value: (f) => FACILITY_STATUS_LABELS[f.status], width: 8 },
    { header: '权属部门', value: (f) => f.department, width: 20 },
    grid<Facility>(),
    ...lonLat<Facility>(),
    notes<Facility>(),
  ]),
  organization: exportSource(organizationSpec, '单位台账', [
    { header: '名称', value: (o) => o.name, width: 28 },
    { header: '类型', value: (o) => ORGANIZATION_KIND_LABELS[o.kind] },
    { header: '统一社会信用代码', value: (o) => o.creditCode, width: 22 },
    { header: '法定代表人', value: (o) => o.legalRepresentative },
    { header: '联系人', value: (o) => o.contactName },
    { header: '联系电话', value: (o) => o.contactPhoneMasked, personal: 'contactPhone', width: 16 },
    { header: '地址', value: (o) => o.address, width: 30 },
    grid<Organization>(),
    { header: '员工数', value: (o) => o.employees.length, width: 8 },
    ...lonLat<Organization>(),
    notes<Organization>(),
  ]),
};

/** Kept for the export use-cases that name it. */
export const SHEETS = EXPORT_SOURCES;
