/**
 * The dispute register (矛盾纠纷排查化解) as a form definition: the fields systems exchanging
 * GB/T 31000-2015 records use, with the national code lists (GB/T 3304, GB/T 2261.1, GB/T 4658,
 * GA/T 517 document types) as the parties' choices. Shipped as version 1 of
 * `disputes.register`; a locality publishes its own version through the form editor. Resolution
 * fields (way, organisation, mediator, success, outcome, evaluation) are taken by the workflow's
 * steps, not at registration.
 */
import type { ChoiceOption, FormDefinition, FormField } from '../forms/definition.js';
import { codeList } from '../code-lists/data.js';

export const DISPUTE_FORM_KEY = 'disputes.register';

const t = (zh: string, en: string) => ({ zh, en });
const fromList = (key: string): ChoiceOption[] => codeList(key).items.map((i) => ({ value: i.code, label: t(i.zh, i.en) }));
const options = (pairs: [string, string, string][]): ChoiceOption[] => pairs.map(([value, zh, en]) => ({ value, label: t(zh, en) }));

export const DISPUTE_CATEGORIES: [string, string, string][] = [
  ['marriage_family', '婚姻家庭纠纷', 'Marriage and family'],
  ['neighbour', '邻里纠纷', 'Neighbours'],
  ['housing_land', '房屋宅基地纠纷', 'Housing and homestead'],
  ['contract', '合同纠纷', 'Contract'],
  ['damages', '损害赔偿纠纷', 'Damages'],
  ['labour', '劳动争议纠纷', 'Labour'],
  ['land_forest', '山林土地纠纷', 'Land and forest'],
  ['expropriation', '征地拆迁纠纷', 'Land expropriation and demolition'],
  ['environment', '环境污染纠纷', 'Pollution'],
  ['medical', '医疗纠纷', 'Medical'],
  ['property_mgmt', '物业纠纷', 'Property management'],
  ['other', '其他纠纷', 'Other'],
];

const partyFields: FormField[] = [
  { key: 'name', type: 'text', label: t('姓名或名称', 'Name'), required: true, maxLength: 100 },
  { key: 'party_category', type: 'choice', label: t('当事人类别', 'Kind of party'), required: true, default: 'person', options: options([['person', '自然人', 'Person'], ['legal', '法人', 'Legal person'], ['other_org', '其他组织', 'Other organisation']]) },
  { key: 'id_type', type: 'choice', label: t('证件类型', 'Document type'), required: true, display: 'select', default: '111', options: fromList('id_document_type') },
  { key: 'id_number', type: 'id_number', label: t('证件号码', 'Document number'), required: true, showIf: { field: 'id_type', op: 'eq', value: '111' } },
  { key: 'doc_number', type: 'text', label: t('证件号码', 'Document number'), required: true, maxLength: 40, pattern: '^[A-Za-z0-9-]{5,40}$', patternMessage: t('5至40位字母、数字或-', '5 to 40 letters, digits or -'), showIf: { field: 'id_type', op: 'ne', value: '111' } },
  { key: 'sex', type: 'choice', label: t('性别', 'Sex'), required: true, options: fromList('sex') },
  { key: 'ethnic_group', type: 'choice', label: t('民族', 'Ethnic group'), display: 'select', default: '01', options: fromList('ethnic_group') },
  { key: 'education', type: 'choice', label: t('学历', 'Education'), display: 'select', options: fromList('education') },
  { key: 'phone', type: 'phone', label: t('联系电话', 'Phone') },
  { key: 'address', type: 'text', label: t('住址', 'Address'), maxLength: 200 },
];

export function disputeRegisterForm(): FormDefinition {
  return {
    key: DISPUTE_FORM_KEY,
    version: 1,
    title: t('矛盾纠纷登记', 'Dispute register'),
    description: t('按《社会治安综合治理 基础数据规范》(GB/T 31000) 矛盾纠纷排查化解信息登记。', 'Dispute record with the fields of GB/T 31000 (comprehensive social-order data).'),
    fields: [
      { key: 'name', type: 'text', label: t('纠纷名称', 'Name of the dispute'), required: true, minLength: 2, maxLength: 100 },
      { key: 'occurred_on', type: 'date', label: t('纠纷发生日期', 'Occurred on'), required: true, max: 'today' },
      { key: 'place', type: 'text', label: t('纠纷发生地点', 'Place'), required: true, maxLength: 200 },
      { key: 'scale', type: 'choice', label: t('纠纷规模', 'Scale'), required: true, options: options([['general', '一般', 'Ordinary'], ['larger', '较大', 'Larger'], ['major', '重大', 'Major'], ['extra', '特大', 'Very large']]) },
      { key: 'category', type: 'choice', label: t('纠纷类别', 'Category'), required: true, display: 'select', options: options(DISPUTE_CATEGORIES) },
      { key: 'people_count', type: 'number', label: t('涉及人数', 'People involved'), required: true, integer: true, min: 1, max: 100_000 },
      { key: 'summary', type: 'text', label: t('纠纷简况', 'Summary'), required: true, multiline: true, minLength: 5, maxLength: 2000 },
      { key: 'units_involved', type: 'text', label: t('涉及单位', 'Units involved'), maxLength: 500 },
      { key: 'parties', type: 'repeat', label: t('主要当事人', 'Main parties'), itemLabel: t('当事人', 'Party'), required: true, minItems: 1, maxItems: 50, fields: partyFields },
      { key: 'deadline', type: 'date', label: t('化解时限', 'Resolve by'), required: true },
    ],
    alerts: [
      { key: 'major', level: 'critical', action: 'escalate', when: { field: 'scale', op: 'in', value: ['major', 'extra'] }, message: t('重大纠纷：请及时上报', 'Major dispute: report it upward now') },
    ],
  };
}
