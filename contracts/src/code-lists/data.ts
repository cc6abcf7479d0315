/**
 * National code lists shipped as data (seeded into `code_list_item`, read by forms and pages).
 * Codes are the standards' own; the English names are the standards' romanisations where they
 * give one.
 */

export interface CodeListEntry {
  code: string;
  zh: string;
  en: string;
}

export interface CodeListSpec {
  /** The list's key (`ethnic_group`). */
  key: string;
  /** The standard it follows. */
  standard: string;
  title: { zh: string; en: string };
  items: readonly CodeListEntry[];
}

const ETHNIC: [string, string][] = [
  ['汉族', 'Han'], ['蒙古族', 'Mongol'], ['回族', 'Hui'], ['藏族', 'Zang'], ['维吾尔族', 'Uygur'], ['苗族', 'Miao'], ['彝族', 'Yi'],
  ['壮族', 'Zhuang'], ['布依族', 'Buyei'], ['朝鲜族', 'Chosen'], ['满族', 'Man'], ['侗族', 'Dong'], ['瑶族', 'Yao'], ['白族', 'Bai'],
  ['土家族', 'Tujia'], ['哈尼族', 'Hani'], ['哈萨克族', 'Kazak'], ['傣族', 'Dai'], ['黎族', 'Li'], ['傈僳族', 'Lisu'], ['佤族', 'Va'],
  ['畲族', 'She'], ['高山族', 'Gaoshan'], ['拉祜族', 'Lahu'], ['水族', 'Sui'], ['东乡族', 'Dongxiang'], ['纳西族', 'Naxi'], ['景颇族', 'Jingpo'],
  ['柯尔克孜族', 'Kirgiz'], ['土族', 'Tu'], ['达斡尔族', 'Daur'], ['仫佬族', 'Mulao'], ['羌族', 'Qiang'], ['布朗族', 'Blang'], ['撒拉族', 'Salar'],
  ['毛南族', 'Maonan'], ['仡佬族', 'Gelao'], ['锡伯族', 'Xibe'], ['阿昌族', 'Achang'], ['普米族', 'Pumi'], ['塔吉克族', 'Tajik'], ['怒族', 'Nu'],
  ['乌孜别克族', 'Uzbek'], ['俄罗斯族', 'Russ'], ['鄂温克族', 'Ewenki'], ['德昂族', 'Deang'], ['保安族', 'Bonan'], ['裕固族', 'Yugur'], ['京族', 'Gin'],
  ['塔塔尔族', 'Tatar'], ['独龙族', 'Derung'], ['鄂伦春族', 'Oroqen'], ['赫哲族', 'Hezhen'], ['门巴族', 'Monba'], ['珞巴族', 'Lhoba'], ['基诺族', 'Jino'],
];

export const CODE_LISTS: readonly CodeListSpec[] = [
  {
    key: 'ethnic_group',
    standard: 'GB/T 3304-1991',
    title: { zh: '民族', en: 'Ethnic group' },
    items: [
      ...ETHNIC.map(([zh, en], i) => ({ code: String(i + 1).padStart(2, '0'), zh, en })),
      { code: '97', zh: '其他', en: 'Other' },
      { code: '98', zh: '外国血统中国籍人士', en: 'Chinese citizen of foreign origin' },
    ],
  },
  {
    key: 'sex',
    standard: 'GB/T 2261.1-2003',
    title: { zh: '性别', en: 'Sex' },
    items: [
      { code: '0', zh: '未知的性别', en: 'Not known' },
      { code: '1', zh: '男', en: 'Male' },
      { code: '2', zh: '女', en: 'Female' },
      { code: '9', zh: '未说明的性别', en: 'Not stated' },
    ],
  },
  {
    // The standard's first level (a two-digit layered code; the second digit, not shipped here,
    // says graduated / completed / left: 21 本科毕业, 22 本科结业, 23 本科肄业 ...).
    key: 'education',
    standard: 'GB/T 4658-2006',
    title: { zh: '学历', en: 'Education' },
    items: [
      { code: '10', zh: '研究生教育', en: 'Postgraduate' },
      { code: '20', zh: '大学本科', en: 'Undergraduate' },
      { code: '30', zh: '专科教育', en: 'Junior college' },
      { code: '40', zh: '中等职业教育', en: 'Secondary vocational' },
      { code: '60', zh: '普通高级中学教育', en: 'Senior secondary' },
      { code: '70', zh: '初级中学教育', en: 'Junior secondary' },
      { code: '80', zh: '小学教育', en: 'Primary' },
      { code: '90', zh: '其他', en: 'Other' },
    ],
  },
  {
    // The identity-document codes used by public-security systems (GA/T 517) and GB/T 31000 exchanges.
    key: 'id_document_type',
    standard: 'GA/T 517',
    title: { zh: '证件类型', en: 'Identity document' },
    items: [
      { code: '111', zh: '居民身份证', en: 'Resident identity card' },
      { code: '113', zh: '户口簿', en: 'Household register' },
      { code: '414', zh: '普通护照', en: 'Passport' },
      { code: '511', zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents' },
      { code: '516', zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for Hong Kong and Macao residents' },
      { code: '553', zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card' },
      { code: '990', zh: '其他证件', en: 'Other document' },
    ],
  },
  {
    key: 'rumour_verdict',
    standard: 'GridGov',
    title: { zh: '辟谣结论', en: 'Rumour verdict' },
    items: [
      { code: 'false', zh: '谣言', en: 'False' },
      { code: 'true', zh: '属实', en: 'True' },
      { code: 'partly', zh: '部分属实', en: 'Partly true' },
      { code: 'unverified', zh: '待核实', en: 'Being checked' },
    ],
  },
  {
    key: 'health_facility_kind',
    standard: 'GridGov',
    title: { zh: '医疗机构类别', en: 'Health facility kind' },
    items: [
      { code: 'hospital', zh: '医院', en: 'Hospital' },
      { code: 'fever_clinic', zh: '发热门诊', en: 'Fever clinic' },
      { code: 'designated_hospital', zh: '定点医院', en: 'Designated hospital' },
      { code: 'community_health_centre', zh: '社区卫生服务中心', en: 'Community health centre' },
    ],
  },
];

export function codeList(key: string): CodeListSpec {
  const found = CODE_LISTS.find((l) => l.key === key);
  if (!found) throw new Error(`No code list ${key}`);
  return found;
}
