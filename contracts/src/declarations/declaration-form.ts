/**
 * The self-declaration (市民自主填报) as a form definition, with the data groups of GB/T 38962-2020
 * (个人健康信息码 数据格式): personal basics (name, sex, nationality, document type and number,
 * registered region, address, phone, underlying conditions) and health (temperature, symptoms,
 * contact history, risk-area history), plus the trips. Shipped as version 1 of
 * `declarations.self`; a locality publishes its own version through the form editor. The alert
 * rules are what makes a declaration abnormal (any alert raised): data, editable like the fields.
 * The personal fields (`DECLARATION_PERSON_FIELDS`) are taken out of the stored answers and kept
 * encrypted, hashed and masked like the registers' (docs/personal-data.md): a new version must
 * keep their keys.
 */
import type { ChoiceOption, FormDefinition } from '../forms/definition.js';
import { codeList } from '../code-lists/data.js';

export const DECLARATION_FORM_KEY = 'declarations.self';

/** The keys of the personal fields the server takes out of the answers. */
export const DECLARATION_PERSON_FIELDS = { name: 'name', idType: 'id_type', idNumber: 'id_number', docNumber: 'doc_number', phone: 'phone' } as const;

const t = (zh: string, en: string) => ({ zh, en });
const fromList = (key: string): ChoiceOption[] => codeList(key).items.map((i) => ({ value: i.code, label: t(i.zh, i.en) }));
const options = (pairs: [string, string, string][]): ChoiceOption[] => pairs.map(([value, zh, en]) => ({ value, label: t(zh, en) }));

export const DECLARATION_SYMPTOMS: [string, string, string][] = [
  ['fever', '发热', 'Fever'],
  ['cough', '咳嗽', 'Cough'],
  ['sore_throat', '咽痛', 'Sore throat'],
  ['fatigue', '乏力', 'Fatigue'],
  ['smell_taste', '嗅觉或味觉减退', 'Loss of smell or taste'],
  ['diarrhea', '腹泻', 'Diarrhoea'],
  ['breathing', '呼吸困难', 'Shortness of breath'],
];

export function declarationForm(): FormDefinition {
  return {
    key: DECLARATION_FORM_KEY,
    version: 1,
    title: t('健康申报', 'Health declaration'),
    description: t(
      '按《个人健康信息码 数据格式》(GB/T 38962-2020) 填报个人基本信息、健康状况和行程；体温≥37.3℃、有症状、接触史或到过中高风险地区将由社区跟进。',
      'Personal basics, health and trips with the data groups of GB/T 38962-2020; a temperature of 37.3 °C or more, symptoms, contacts or a stay in a risk area are followed up by the community.',
    ),
    fields: [
      { key: 'basics', type: 'note', label: t('个人基本信息', 'Personal basics'), help: t('证件号码和电话加密保存，仅经授权的工作人员可见部分号码。', 'Document numbers and phones are stored encrypted; authorised staff see them masked.') },
      { key: 'name', type: 'text', label: t('姓名', 'Name'), required: true, maxLength: 40 },
      { key: 'sex', type: 'choice', label: t('性别', 'Sex'), required: true, options: fromList('sex') },
      { key: 'nationality', type: 'choice', label: t('国籍', 'Nationality'), required: true, display: 'select', default: 'CHN', options: options([['CHN', '中国', 'China'], ['HKG', '中国香港', 'Hong Kong, China'], ['MAC', '中国澳门', 'Macao, China'], ['TWN', '中国台湾', 'Taiwan, China'], ['OTHER', '其他国家或地区', 'Other']]) },
      { key: 'id_type', type: 'choice', label: t('证件类型', 'Document type'), required: true, display: 'select', default: '111', options: fromList('id_document_type') },
      { key: 'id_number', type: 'id_number', label: t('证件号码', 'Document number'), required: true, showIf: { field: 'id_type', op: 'eq', value: '111' } },
      { key: 'doc_number', type: 'text', label: t('证件号码', 'Document number'), required: true, maxLength: 40, pattern: '^[A-Za-z0-9-]{5,40}$', patternMessage: t('5至40位字母、数字或-', '5 to 40 letters, digits or -'), showIf: { field: 'id_type', op: 'ne', value: '111' } },
      { key: 'registered_region', type: 'text', label: t('户籍区划', 'Registered region'), help: t('省、市、区县', 'Province, city, county'), maxLength: 100 },
      { key: 'address', type: 'text', label: t('现居住详细地址', 'Address'), help: t('小区、楼栋、单元、门牌', 'Estate, building, entrance, door'), required: true, maxLength: 200 },
      { key: 'place', type: 'location', label: t('现居住位置', 'Where you live'), help: t('可使用当前位置，便于匹配网格', 'Your current location helps find your grid') },
      { key: 'phone', type: 'phone', label: t('联系电话', 'Phone'), required: true },
      { key: 'conditions', type: 'multi_choice', label: t('基础病史', 'Underlying conditions'), help: t('没有可不选', 'Leave empty when none'), options: options([['hypertension', '高血压', 'Hypertension'], ['diabetes', '糖尿病', 'Diabetes'], ['heart', '心脑血管疾病', 'Heart or cerebrovascular disease'], ['lung', '慢性呼吸系统疾病', 'Chronic respiratory disease'], ['kidney', '慢性肾病', 'Chronic kidney disease'], ['immune', '免疫缺陷', 'Immune deficiency'], ['cancer', '恶性肿瘤', 'Cancer'], ['pregnant', '孕期', 'Pregnancy']]) },
      { key: 'health', type: 'note', label: t('个人健康信息', 'Health') },
      { key: 'temperature', type: 'number', label: t('体温', 'Temperature'), required: true, min: 34, max: 43, step: 0.1, unit: t('℃', '°C') },
      { key: 'symptoms', type: 'multi_choice', label: t('当前症状', 'Symptoms now'), help: t('没有症状可不选', 'Leave empty when none'), options: options(DECLARATION_SYMPTOMS) },
      { key: 'contact', type: 'choice', label: t('接触史（14天内）', 'Contacts (last 14 days)'), required: true, default: 'none', options: options([['none', '无', 'None'], ['close', '确诊或疑似病例密切接触者', 'Close contact of a case'], ['secondary', '次密切接触者', 'Contact of a close contact'], ['same_space', '时空伴随者', 'Same place and time as a case']]) },
      { key: 'risk_area', type: 'boolean', label: t('14天内是否到过中高风险地区', 'Been in a medium or high risk area in the last 14 days'), required: true },
      { key: 'travelled', type: 'boolean', label: t('14天内是否有外出行程', 'Travelled in the last 14 days'), required: true },
      {
        key: 'trips', type: 'repeat', label: t('行程', 'Trips'), itemLabel: t('行程', 'Trip'), required: true, maxItems: 10, showIf: { field: 'travelled', op: 'eq', value: true },
        fields: [
          { key: 'from', type: 'text', label: t('出发地', 'From'), required: true, maxLength: 100 },
          { key: 'to', type: 'text', label: t('目的地', 'To'), required: true, maxLength: 100 },
          { key: 'transport', type: 'choice', label: t('交通方式', 'Transport'), required: true, display: 'select', options: options([['train', '火车', 'Train'], ['plane', '飞机', 'Plane'], ['coach', '长途汽车', 'Coach'], ['car', '自驾', 'Car'], ['ship', '轮船', 'Ship'], ['other', '其他', 'Other']]) },
          { key: 'number', type: 'text', label: t('车次/航班号/车牌号', 'Train, flight or plate number'), maxLength: 20 },
          { key: 'departed_on', type: 'date', label: t('出发日期', 'Departed on'), required: true, min: 'today-30d', max: 'today' },
          { key: 'arrived_on', type: 'date', label: t('到达日期', 'Arrived on'), required: true, min: 'today-30d', max: 'today' },
        ],
      },
    ],
    alerts: [
      { key: 'contact', level: 'critical', action: 'follow_up', when: { field: 'contact', op: 'in', value: ['close', 'secondary'] }, message: t('密切或次密切接触者', 'Close contact of a case') },
      { key: 'fever', level: 'warning', action: 'follow_up', when: { field: 'temperature', op: 'gte', value: 37.3 }, message: t('发热（≥37.3℃）', 'Fever (37.3 °C or more)') },
      { key: 'symptoms', level: 'warning', action: 'follow_up', when: { field: 'symptoms', op: 'not_empty' }, message: t('有症状', 'Has symptoms') },
      { key: 'risk_area', level: 'warning', action: 'follow_up', when: { field: 'risk_area', op: 'eq', value: true }, message: t('14天内到过中高风险地区', 'In a risk area in the last 14 days') },
    ],
  };
}
