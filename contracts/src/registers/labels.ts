/** The labels of the registers' enum values, in both languages: the console, exports and imports read them here. */
import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { RESIDENT_KINDS, ID_TYPES, RESIDENT_TAGS, HOUSEHOLD_RELATIONS, HOUSEHOLD_KINDS, BUILDING_KINDS, DWELLING_USES, VENUE_KINDS, FACILITY_KINDS, FACILITY_STATUSES, ORGANIZATION_KINDS } from './index.js';

export const REGISTER_ENUM_LABELS = defineEnumLabels({
  sex: {
    male: { zh: '男', en: 'Male' },
    female: { zh: '女', en: 'Female' },
  },
  residentKind: {
    registered: { zh: '户籍人口', en: 'Registered' },
    floating: { zh: '流动人口', en: 'Floating' },
    overseas: { zh: '境外人员', en: 'Overseas' },
} satisfies Labels<typeof RESIDENT_KINDS>,
  idType: {
    id_card: { zh: '居民身份证', en: 'ID card' },
    passport: { zh: '护照', en: 'Passport' },
    other: { zh: '其他证件', en: 'Other document' },
} satisfies Labels<typeof ID_TYPES>,
  tag: {
    elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
    disabled: { zh: '残疾人', en: 'Disabled' },
    party_member: { zh: '党员', en: 'Party member' },
    volunteer: { zh: '志愿者', en: 'Volunteer' },
    veteran: { zh: '退役军人', en: 'Veteran' },
    low_income: { zh: '低保对象', en: 'Low income' },
    left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
    left_behind_elderly: { zh: '留守老人', en: 'Left-behind elderly' },
    pregnant: { zh: '孕产妇', en: 'Pregnant' },
    chronic_illness: { zh: '慢性病患者', en: 'Chronic illness' },
} satisfies Labels<typeof RESIDENT_TAGS>,
  relation: {
    head: { zh: '户主', en: 'Head' },
    spouse: { zh: '配偶', en: 'Spouse' },
    child: { zh: '子女', en: 'Child' },
    parent: { zh: '父母', en: 'Parent' },
    grandchild: { zh: '孙子女', en: 'Grandchild' },
    sibling: { zh: '兄弟姐妹', en: 'Sibling' },
    other: { zh: '其他', en: 'Other' },
} satisfies Labels<typeof HOUSEHOLD_RELATIONS>,
  householdKind: {
    family: { zh: '家庭户', en: 'Family' },
    collective: { zh: '集体户', en: 'Collective' },
} satisfies Labels<typeof HOUSEHOLD_KINDS>,
  buildingKind: {
    residential: { zh: '住宅', en: 'Residential' },
    commercial: { zh: '商业', en: 'Commercial' },
    mixed: { zh: '商住混合', en: 'Mixed use' },
    public: { zh: '公共建筑', en: 'Public' },
    industrial: { zh: '工业', en: 'Industrial' },
    other: { zh: '其他', en: 'Other' },
} satisfies Labels<typeof BUILDING_KINDS>,
  dwellingUse: {
    owner_occupied: { zh: '自住', en: 'Owner-occupied' },
    rented: { zh: '出租', en: 'Rented' },
    vacant: { zh: '空置', en: 'Vacant' },
    business: { zh: '经营', en: 'Business' },
    other: { zh: '其他', en: 'Other' },
} satisfies Labels<typeof DWELLING_USES>,
  venueKind: {
    market: { zh: '农贸市场', en: 'Market' },
    supermarket: { zh: '商场超市', en: 'Supermarket' },
    restaurant: { zh: '餐饮', en: 'Restaurant' },
    hotel: { zh: '宾馆酒店', en: 'Hotel' },
    school: { zh: '学校', en: 'School' },
    hospital: { zh: '医疗机构', en: 'Hospital' },
    station: { zh: '车站', en: 'Station' },
    entertainment: { zh: '娱乐场所', en: 'Entertainment' },
    religious: { zh: '宗教场所', en: 'Religious' },
    other: { zh: '其他', en: 'Other' },
} satisfies Labels<typeof VENUE_KINDS>,
  facilityKind: {
    street_light: { zh: '路灯', en: 'Street light' },
    manhole_cover: { zh: '井盖', en: 'Manhole cover' },
    camera: { zh: '监控摄像头', en: 'Camera' },
    gate: { zh: '门禁道闸', en: 'Gate' },
    fire_hydrant: { zh: '消防栓', en: 'Fire hydrant' },
    other: { zh: '其他', en: 'Other' },
} satisfies Labels<typeof FACILITY_KINDS>,
  facilityStatus: {
    normal: { zh: '正常', en: 'Normal' },
    damaged: { zh: '损坏', en: 'Damaged' },
    missing: { zh: '缺失', en: 'Missing' },
    offline: { zh: '离线', en: 'Offline' },
} satisfies Labels<typeof FACILITY_STATUSES>,
  organizationKind: {
    enterprise: { zh: '企业', en: 'Enterprise' },
    shop: { zh: '个体工商户', en: 'Sole trader' },
    social_org: { zh: '社会组织', en: 'Social organisation' },
    government_unit: { zh: '机关事业单位', en: 'Public body' },
} satisfies Labels<typeof ORGANIZATION_KINDS>,
});
