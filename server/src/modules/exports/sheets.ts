/**
 * What an export of each register contains: a Chinese title, Chinese column headers and the
 * value of each cell, read from the register's presented (masked) records. Personal-data
 * columns show their full value only in an unmasked export.
 */
import type {
  Building, BUILDING_KINDS, Dwelling, DWELLING_USES, Facility, FACILITY_KINDS, FACILITY_STATUSES, Household, HOUSEHOLD_KINDS, HOUSEHOLD_RELATIONS, ID_TYPES,
  Organization, ORGANIZATION_KINDS, RegisterKind, Resident, RESIDENT_KINDS, RESIDENT_TAGS, Venue, VENUE_KINDS,
} from '@gridgov/contracts';
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
import { neutralise, type Cell } from './cells.js';

type Labels<T extends readonly string[]> = Record<T[number], string>;

const ID_TYPE: Labels<typeof ID_TYPES> = { id_card: '居民身份证', passport: '护照', other: '其他证件' };
const RESIDENT_KIND: Labels<typeof RESIDENT_KINDS> = { registered: '户籍人口', floating: '流动人口', overseas: '境外人员' };
const SEX = { male: '男', female: '女' } as const;
const TAG: Labels<typeof RESIDENT_TAGS> = {
  elderly_alone: '独居老人', disabled: '残疾人', party_member: '党员', volunteer: '志愿者', veteran: '退役军人', low_income: '低收入',
  left_behind_child: '留守儿童', left_behind_elderly: '留守老人', pregnant: '孕产妇', chronic_illness: '慢性病患者',
};
const HOUSEHOLD_KIND: Labels<typeof HOUSEHOLD_KINDS> = { family: '家庭户', collective: '集体户' };
const RELATION: Labels<typeof HOUSEHOLD_RELATIONS> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', sibling: '兄弟姐妹', other: '其他' };
const BUILDING_KIND: Labels<typeof BUILDING_KINDS> = { residential: '住宅', commercial: '商业', mixed: '商住混合', public: '公共建筑', industrial: '工业', other: '其他' };
const DWELLING_USE: Labels<typeof DWELLING_USES> = { owner_occupied: '自住', rented: '出租', vacant: '空置', business: '经营', other: '其他' };
const VENUE_KIND: Labels<typeof VENUE_KINDS> = {
  market: '市场', supermarket: '超市', restaurant: '餐饮', hotel: '宾馆酒店', school: '学校', hospital: '医院', station: '车站',
  entertainment: '娱乐场所', religious: '宗教场所', other: '其他',
};
const FACILITY_KIND: Labels<typeof FACILITY_KINDS> = { street_light: '路灯', manhole_cover: '井盖', camera: '摄像头', gate: '门禁道闸', fire_hydrant: '消防栓', other: '其他' };
const FACILITY_STATUS: Labels<typeof FACILITY_STATUSES> = { normal: '正常', damaged: '损坏', missing: '丢失', offline: '离线' };
const ORGANIZATION_KIND: Labels<typeof ORGANIZATION_KINDS> = { enterprise: '企业', shop: '个体商户', social_org: '社会组织', government_unit: '机关事业单位' };

const yesNo = (value: boolean): string => (value ? '是' : '否');

interface Column<Out> {
  header: string;
  value(item: Out): Cell;
  /** A personal-data column: its full value in an unmasked export. */
  personal?: UnmaskField;
  width?: number;
}

export interface Sheet {
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

function sheet<Row extends BaseRow, Out>(spec: RegisterSpec<Row, Out>, title: string, columns: Column<Out>[]): Sheet {
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

export const SHEETS: Record<RegisterKind, Sheet> = {
  resident: sheet(residentSpec, '人口台账', [
    { header: '姓名', value: (r) => r.name },
    { header: '证件类型', value: (r) => ID_TYPE[r.idType] },
    { header: '证件号码', value: (r) => r.idNumberMasked, personal: 'idNumber', width: 22 },
    { header: '性别', value: (r) => (r.sex ? SEX[r.sex] : null), width: 6 },
    { header: '出生年份', value: (r) => r.birthYear, width: 10 },
    { header: '联系电话', value: (r) => r.phoneMasked, personal: 'phone', width: 16 },
    { header: '人员类别', value: (r) => RESIDENT_KIND[r.kind] },
    { header: '民族', value: (r) => r.ethnicity, width: 8 },
    { header: '国籍', value: (r) => r.nationality, width: 8 },
    { header: '户籍地址', value: (r) => r.registeredAddress, width: 30 },
    { header: '现住址', value: (r) => r.address, width: 30 },
    grid<Resident>(),
    { header: '房屋', value: (r) => r.dwellingLabel, width: 20 },
    { header: '标签', value: (r) => r.tags.map((t) => TAG[t as keyof typeof TAG] ?? t).join('、'), width: 20 },
    notes<Resident>(),
  ]),
  household: sheet(householdSpec, '住户台账', [
    { header: '户号', value: (h) => h.number },
    { header: '户类型', value: (h) => HOUSEHOLD_KIND[h.kind] },
    grid<Household>(),
    { header: '房屋', value: (h) => h.dwellingLabel, width: 20 },
    { header: '地址', value: (h) => h.address, width: 30 },
    { header: '人数', value: (h) => h.members.length, width: 6 },
    { header: '成员', value: (h) => h.members.map((m) => `${m.name}（${RELATION[m.relation]}）`).join('、'), width: 40 },
    notes<Household>(),
  ]),
  building: sheet(buildingSpec, '楼栋台账', [
    { header: '名称', value: (b) => b.name },
    { header: '类型', value: (b) => BUILDING_KIND[b.kind] },
    grid<Building>(),
    { header: '地址', value: (b) => b.address, width: 30 },
    { header: '层数', value: (b) => b.floors, width: 6 },
    { header: '单元数', value: (b) => b.units, width: 8 },
    { header: '房屋数', value: (b) => b.dwellingCount, width: 8 },
    ...lonLat<Building>(),
    notes<Building>(),
  ]),
  dwelling: sheet(dwellingSpec, '房屋台账', [
    { header: '楼栋', value: (d) => d.buildingName },
    { header: '单元', value: (d) => d.unit, width: 8 },
    { header: '楼层', value: (d) => d.floor, width: 6 },
    { header: '房号', value: (d) => d.room, width: 8 },
    { header: '面积（㎡）', value: (d) => d.area, width: 10 },
    { header: '用途', value: (d) => DWELLING_USE[d.use] },
    grid<Dwelling>(),
    notes<Dwelling>(),
  ]),
  venue: sheet(venueSpec, '场所台账', [
    { header: '名称', value: (v) => v.name, width: 24 },
    { header: '类型', value: (v) => VENUE_KIND[v.kind] },
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
  facility: sheet(facilitySpec, '部件台账', [
    { header: '编码', value: (f) => f.code, width: 18 },
    { header: '名称', value: (f) => f.name, width: 20 },
    { header: '类型', value: (f) => FACILITY_KIND[f.kind] },
    { header: '状态', value: (f) => FACILITY_STATUS[f.status], width: 8 },
    { header: '权属部门', value: (f) => f.department, width: 20 },
    grid<Facility>(),
    ...lonLat<Facility>(),
    notes<Facility>(),
  ]),
  organization: sheet(organizationSpec, '单位台账', [
    { header: '名称', value: (o) => o.name, width: 28 },
    { header: '类型', value: (o) => ORGANIZATION_KIND[o.kind] },
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
