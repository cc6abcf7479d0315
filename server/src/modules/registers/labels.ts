/**
 * Chinese labels of the registers' coded values: what exports write and what imports read back
 * (an import also accepts the codes themselves and a few common synonyms).
 */
import type {
  BUILDING_KINDS, DWELLING_USES, FACILITY_KINDS, FACILITY_STATUSES, HOUSEHOLD_KINDS, HOUSEHOLD_RELATIONS, ID_TYPES, ORGANIZATION_KINDS, RESIDENT_KINDS,
  RESIDENT_TAGS, VENUE_KINDS,
} from '@gridgov/contracts';

type Labels<T extends readonly string[]> = Record<T[number], string>;

export const ID_TYPE_LABELS: Labels<typeof ID_TYPES> = { id_card: '居民身份证', passport: '护照', other: '其他证件' };
export const RESIDENT_KIND_LABELS: Labels<typeof RESIDENT_KINDS> = { registered: '户籍人口', floating: '流动人口', overseas: '境外人员' };
export const SEX_LABELS = { male: '男', female: '女' } as const;
export const TAG_EXPORT_LABELS: Labels<typeof RESIDENT_TAGS> = {
  elderly_alone: '独居老人', disabled: '残疾人', party_member: '党员', volunteer: '志愿者', veteran: '退役军人', low_income: '低收入',
  left_behind_child: '留守儿童', left_behind_elderly: '留守老人', pregnant: '孕产妇', chronic_illness: '慢性病患者',
};
export const HOUSEHOLD_KIND_LABELS: Labels<typeof HOUSEHOLD_KINDS> = { family: '家庭户', collective: '集体户' };
export const RELATION_LABELS: Labels<typeof HOUSEHOLD_RELATIONS> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', sibling: '兄弟姐妹', other: '其他' };
export const BUILDING_KIND_LABELS: Labels<typeof BUILDING_KINDS> = { residential: '住宅', commercial: '商业', mixed: '商住混合', public: '公共建筑', industrial: '工业', other: '其他' };
export const DWELLING_USE_LABELS: Labels<typeof DWELLING_USES> = { owner_occupied: '自住', rented: '出租', vacant: '空置', business: '经营', other: '其他' };
export const VENUE_KIND_LABELS: Labels<typeof VENUE_KINDS> = {
  market: '市场', supermarket: '超市', restaurant: '餐饮', hotel: '宾馆酒店', school: '学校', hospital: '医院', station: '车站',
  entertainment: '娱乐场所', religious: '宗教场所', other: '其他',
};
export const FACILITY_KIND_LABELS: Labels<typeof FACILITY_KINDS> = { street_light: '路灯', manhole_cover: '井盖', camera: '摄像头', gate: '门禁道闸', fire_hydrant: '消防栓', other: '其他' };
export const FACILITY_STATUS_LABELS: Labels<typeof FACILITY_STATUSES> = { normal: '正常', damaged: '损坏', missing: '丢失', offline: '离线' };
export const ORGANIZATION_KIND_LABELS: Labels<typeof ORGANIZATION_KINDS> = { enterprise: '企业', shop: '个体商户', social_org: '社会组织', government_unit: '机关事业单位' };
