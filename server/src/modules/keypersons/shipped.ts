/**
 * The shipped categories of key and special populations and their fields (GB/T 31000 style
 * field lists), as form definitions: data a locality edits afterwards (a new form version, a
 * renamed or disabled category, its own visit intervals). Written at start when missing.
 */
type Text = { zh: string; en: string };
type Field = Record<string, unknown> & { key: string; type: string; label: Text };

const L = (zh: string, en: string): Text => ({ zh, en });
const text = (key: string, zh: string, en: string, more: Record<string, unknown> = {}): Field => ({ key, type: 'text', label: L(zh, en), ...more });
const long = (key: string, zh: string, en: string): Field => text(key, zh, en, { multiline: true, maxLength: 1000 });
const day = (key: string, zh: string, en: string, more: Record<string, unknown> = {}): Field => ({ key, type: 'date', label: L(zh, en), max: 'today', ...more });
const num = (key: string, zh: string, en: string, more: Record<string, unknown> = {}): Field => ({ key, type: 'number', label: L(zh, en), integer: true, min: 0, max: 999, ...more });
const yes = (key: string, zh: string, en: string): Field => ({ key, type: 'boolean', label: L(zh, en) });
const pick = (key: string, zh: string, en: string, options: [string, string, string][], more: Record<string, unknown> = {}): Field => ({
  key, type: 'choice', label: L(zh, en), options: options.map(([value, z, e]) => ({ value, label: L(z, e) })), ...more,
});
const RISK_ASSESSMENT: [string, string, string][] = [['high', '高', 'High'], ['medium', '中', 'Medium'], ['low', '低', 'Low']];
const guardian = (zh = '监护人', en = 'Guardian'): Field[] => [
  text('guardian_name', `${zh}姓名`, `${en}'s name`, { maxLength: 40 }),
  { key: 'guardian_id', type: 'id_number', label: L(`${zh}身份证号`, `${en}'s ID number`) },
  { key: 'guardian_phone', type: 'phone', label: L(`${zh}联系电话`, `${en}'s phone`) },
  pick('guardian_relation', `与${zh}关系`, `Relation to the ${en.toLowerCase()}`, [['parent', '父母', 'Parent'], ['spouse', '配偶', 'Spouse'], ['child', '子女', 'Child'], ['sibling', '兄弟姐妹', 'Sibling'], ['grandparent', '祖父母/外祖父母', 'Grandparent'], ['other', '其他', 'Other']], { display: 'select' }),
];

export interface ShippedCategory {
  code: string;
  group: 'special' | 'care';
  name: Text;
  fields: Field[];
}

export const SHIPPED_CATEGORIES: ShippedCategory[] = [
  {
    code: 'community_correction', group: 'special', name: L('社区矫正人员', 'Community correction'),
    fields: [
      text('correction_no', '社区矫正人员编号', 'Correction number', { maxLength: 40 }),
      pick('correction_kind', '矫正类别', 'Kind of correction', [['probation', '缓刑', 'Probation'], ['parole', '假释', 'Parole'], ['temporary', '暂予监外执行', 'Temporary out-of-prison execution'], ['control', '管制', 'Control']], { required: true }),
      text('offence', '原罪名', 'Original offence', { required: true, maxLength: 100 }),
      text('sentence', '原判刑期', 'Original sentence', { maxLength: 60 }),
      day('start_date', '矫正起始日期', 'Correction start', { required: true }),
      { key: 'end_date', type: 'date', label: L('矫正结束日期', 'Correction end') },
      yes('electronic_monitoring', '是否电子监管', 'Electronically monitored'),
      text('correction_team', '矫正小组成员', 'Correction team', { maxLength: 200 }),
      pick('risk_assessment', '风险评估', 'Risk assessment', RISK_ASSESSMENT),
    ],
  },
  {
    code: 'released_prisoner', group: 'special', name: L('刑满释放人员', 'Released prisoners'),
    fields: [
      yes('recidivist', '是否累犯', 'Recidivist'),
      text('offence', '原罪名', 'Original offence', { required: true, maxLength: 100 }),
      text('sentence', '原判刑期', 'Original sentence', { required: true, maxLength: 60 }),
      text('prison', '服刑场所', 'Place of serving', { maxLength: 100 }),
      day('release_date', '释放日期', 'Release date', { required: true }),
      pick('risk_assessment', '危险性评估', 'Risk assessment', RISK_ASSESSMENT),
      day('handover_date', '衔接日期', 'Hand-over date'),
      day('resettled_date', '安置日期', 'Resettlement date'),
      text('not_resettled_reason', '未安置原因', 'Reason if not resettled', { maxLength: 200, showIf: { field: 'resettled_date', op: 'empty' } }),
      text('original_occupation', '原职业', 'Original occupation', { maxLength: 60 }),
    ],
  },
  {
    code: 'drug_rehab', group: 'special', name: L('社区戒毒/康复人员', 'Drug rehabilitation'),
    fields: [
      pick('measure', '管控措施', 'Measure', [['community_detox', '社区戒毒', 'Community detoxification'], ['community_rehab', '社区康复', 'Community rehabilitation'], ['voluntary', '自愿戒毒', 'Voluntary']], { required: true }),
      text('drug_kind', '滥用毒品种类', 'Kind of drug', { maxLength: 60 }),
      day('first_found', '首次发现日期', 'First found'),
      day('start_date', '执行起始日期', 'Measure start', { required: true }),
      num('relapses', '复吸次数', 'Relapses'),
      text('agreement_no', '社区戒毒协议编号', 'Agreement number', { maxLength: 40 }),
      pick('risk_assessment', '风险评估', 'Risk assessment', RISK_ASSESSMENT),
    ],
  },
  {
    code: 'mental_disorder', group: 'special', name: L('严重精神障碍患者', 'Severe mental disorder'),
    fields: [
      ...guardian(),
      day('onset_date', '初次发病日期', 'First onset', { required: true }),
      pick('diagnosis', '目前诊断', 'Diagnosis', [['schizophrenia', '精神分裂症', 'Schizophrenia'], ['bipolar', '双相情感障碍', 'Bipolar disorder'], ['schizoaffective', '分裂情感性障碍', 'Schizoaffective disorder'], ['delusional', '偏执性精神病', 'Delusional disorder'], ['epilepsy_mental', '癫痫所致精神障碍', 'Mental disorder due to epilepsy'], ['intellectual', '精神发育迟滞伴发精神障碍', 'Intellectual disability with mental disorder']], { required: true, display: 'select' }),
      num('incident_count', '肇事肇祸次数', 'Incidents caused'),
      day('last_incident', '最近肇事肇祸日期', 'Last incident', { showIf: { field: 'incident_count', op: 'gt', value: 0 } }),
      pick('risk_assessment', '目前危险性评估等级', 'Current risk assessment', [['0', '0级', 'Level 0'], ['1', '1级', 'Level 1'], ['2', '2级', 'Level 2'], ['3', '3级', 'Level 3'], ['4', '4级', 'Level 4'], ['5', '5级', 'Level 5']], { required: true, display: 'select' }),
      pick('treatment', '治疗情况', 'Treatment', [['none', '未治疗', 'Not treated'], ['outpatient', '门诊治疗', 'Outpatient'], ['inpatient', '住院治疗', 'Inpatient'], ['stopped', '中断治疗', 'Stopped']]),
      text('hospital', '治疗医院名称', 'Hospital', { maxLength: 100 }),
      text('rehab_institution', '康复训练机构名称', 'Rehabilitation institution', { maxLength: 100 }),
      multi('assistance', '帮扶情况', 'Assistance', [['subsistence', '低保', 'Subsistence allowance'], ['medical', '医疗救助', 'Medical aid'], ['custody_subsidy', '监护补贴', 'Custody subsidy'], ['employment', '就业帮扶', 'Employment help']]),
      text('participants', '参与管理人员', 'People taking part in management', { maxLength: 200 }),
    ],
  },
  {
    code: 'key_petitioner', group: 'special', name: L('重点上访人员', 'Key petitioners'),
    fields: [
      long('petition_matter', '上访事由', 'Matter petitioned', ),
      num('petition_count', '上访次数', 'Times petitioned'),
      day('last_petition', '最近上访日期', 'Last petition'),
      pick('petition_level', '上访去向', 'Level petitioned', [['township', '乡镇', 'Township'], ['county', '县区', 'County'], ['city', '市', 'City'], ['province', '省', 'Province'], ['beijing', '进京', 'Beijing']]),
      yes('collective', '是否集体访', 'Collective petition'),
      text('resolution', '化解措施', 'Resolution steps', { maxLength: 500 }),
      pick('risk_assessment', '稳控评估', 'Stability assessment', RISK_ASSESSMENT),
    ],
  },
  {
    code: 'key_youth', group: 'special', name: L('重点青少年', 'Key youth'),
    fields: [
      pick('youth_kind', '人员类型', 'Kind', [['dropout', '闲散青少年', 'Idle youth out of school'], ['bad_conduct', '有不良行为青少年', 'Youth with bad conduct'], ['left_behind', '留守儿童', 'Left-behind child'], ['homeless', '流浪乞讨未成年人', 'Homeless minor'], ['offender_child', '服刑人员未成年子女', 'Child of a prisoner']], { required: true, display: 'select' }),
      ...guardian(),
      text('school', '就读学校', 'School', { maxLength: 100 }),
      yes('offence_record', '是否有违法犯罪记录', 'Record of offences'),
      text('help_measures', '帮扶手段', 'Help measures', { maxLength: 300 }),
      text('helper_unit', '帮扶单位', 'Helping unit', { maxLength: 100 }),
    ],
  },
  {
    code: 'elderly_alone', group: 'care', name: L('独居老人', 'Elderly living alone'),
    fields: [
      pick('health', '健康状况', 'Health', [['good', '健康', 'Good'], ['chronic', '慢性病', 'Chronic illness'], ['disabled', '失能/半失能', 'Dependent']], { required: true }),
      pick('income', '经济来源', 'Income', [['pension', '养老金', 'Pension'], ['subsistence', '低保', 'Subsistence allowance'], ['children', '子女赡养', 'Children'], ['other', '其他', 'Other']]),
      text('contact_name', '紧急联系人', 'Emergency contact', { maxLength: 40 }),
      { key: 'contact_phone', type: 'phone', label: L('紧急联系人电话', 'Emergency contact phone') },
      yes('alarm_device', '是否安装一键呼叫', 'Has an emergency call button'),
      text('care_needs', '照料需求', 'Care needs', { maxLength: 300 }),
    ],
  },
  {
    code: 'left_behind_child', group: 'care', name: L('留守儿童', 'Left-behind children'),
    fields: [
      ...guardian('委托监护人', 'Carer'),
      text('parents_work_place', '父母务工地', 'Where the parents work', { maxLength: 100 }),
      text('school', '就读学校', 'School', { maxLength: 100 }),
      pick('health', '健康状况', 'Health', [['good', '健康', 'Good'], ['ill', '患病', 'Ill'], ['disabled', '残疾', 'Disabled']]),
      text('care_measures', '关爱措施', 'Care measures', { maxLength: 300 }),
    ],
  },
  {
    code: 'disabled_in_difficulty', group: 'care', name: L('困难残疾人', 'Disabled people in difficulty'),
    fields: [
      text('disability_cert', '残疾人证号', 'Disability certificate number', { maxLength: 30 }),
      pick('disability_kind', '残疾类别', 'Kind of disability', [['visual', '视力', 'Visual'], ['hearing', '听力', 'Hearing'], ['speech', '言语', 'Speech'], ['physical', '肢体', 'Physical'], ['intellectual', '智力', 'Intellectual'], ['mental', '精神', 'Mental'], ['multiple', '多重', 'Multiple']], { required: true, display: 'select' }),
      pick('disability_grade', '残疾等级', 'Grade', [['1', '一级', 'Grade 1'], ['2', '二级', 'Grade 2'], ['3', '三级', 'Grade 3'], ['4', '四级', 'Grade 4']], { required: true }),
      multi('subsidies', '享受补贴', 'Subsidies', [['living', '困难残疾人生活补贴', 'Living subsidy'], ['nursing', '重度残疾人护理补贴', 'Nursing subsidy'], ['subsistence', '低保', 'Subsistence allowance']]),
      text('difficulty', '主要困难', 'Main difficulty', { maxLength: 300 }),
    ],
  },
];

function multi(key: string, zh: string, en: string, options: [string, string, string][]): Field {
  return { key, type: 'multi_choice', label: L(zh, en), options: options.map(([value, z, e]) => ({ value, label: L(z, e) })) };
}

export const formKeyOf = (code: string) => `keypersons.${code}`;

/** The shipped categories' form definitions (version 1). */
export function shippedForms(): unknown[] {
  return [...categoryForms(), visitForm()];
}

function categoryForms(): unknown[] {
  return SHIPPED_CATEGORIES.map((c) => ({
    key: formKeyOf(c.code),
    version: 1,
    title: L(`${c.name.zh}档案`, `${c.name.en}: archive`),
    fields: c.fields,
  }));
}

/** The visit form (走访记录): what a visit records besides its day, way, findings, place and photos. */
export const VISIT_FORM_KEY = 'keypersons.visit';

export function visitForm(): unknown {
  return {
    key: VISIT_FORM_KEY,
    version: 1,
    title: L('重点人员走访记录', 'Key-person visit'),
    fields: [
      multi('risk_signs', '风险观察', 'Risk observations', [
        ['mood_unstable', '情绪不稳定', 'Unstable mood'],
        ['conflict', '与他人矛盾冲突', 'Conflict with others'],
        ['stopped_treatment', '未按时服药/治疗', 'Stopped medication or treatment'],
        ['left_area', '长时间外出/离开辖区', 'Away from the area for long'],
        ['threats', '扬言报复或极端言行', 'Threats or extreme words'],
        ['drug_signs', '疑似复吸', 'Signs of relapse into drugs'],
        ['hardship', '生活困难', 'Hardship'],
        ['not_met', '未见到本人', 'Not met in person'],
      ]),
      text('risk_note', '风险情况说明', 'About the risk observed', { multiline: true, maxLength: 1000, required: true, showIf: { field: 'risk_signs', op: 'not_empty' } }),
      { key: 'signature', type: 'signature', label: L('被走访人签名', 'Signature of the person visited') },
    ],
  };
}

/** The shipped visit intervals (days): high weekly, medium monthly, low quarterly. */
export const SHIPPED_VISIT_DAYS = { high: 7, medium: 30, low: 90 } as const;
