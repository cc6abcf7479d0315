/**
 * The resumption application (企业复工申请) as a form definition: the planned date, the prevention
 * plan, who is responsible, and the supplies on hand as structured fields. Shipped as version 1
 * of `enterprises.resumption`; a locality publishes its own version through the form editor. The
 * staff list is not a form field: it is picked from the enterprise's employees in the register.
 */
import type { FormDefinition } from '../forms/definition.js';

export const RESUMPTION_FORM_KEY = 'enterprises.resumption';

const t = (zh: string, en: string) => ({ zh, en });

export function resumptionForm(): FormDefinition {
  return {
    key: RESUMPTION_FORM_KEY,
    version: 1,
    title: t('企业复工申请', 'Enterprise resumption application'),
    description: t('企业复工复产疫情防控申请：复工日期、防控方案与防疫物资储备。', 'Resumption under epidemic control: date, prevention plan and supplies on hand.'),
    fields: [
      { key: 'resume_on', type: 'date', label: t('计划复工日期', 'Planned resumption date'), required: true },
      { key: 'responsible', type: 'text', label: t('防控责任人', 'Person responsible for prevention'), required: true, maxLength: 50 },
      { key: 'prevention_plan', type: 'text', label: t('疫情防控方案', 'Prevention plan'), required: true, multiline: true, minLength: 10, maxLength: 5000 },
      { key: 'masks', type: 'number', label: t('口罩储备', 'Masks on hand'), required: true, integer: true, min: 0, max: 10_000_000, unit: t('只', 'pcs') },
      { key: 'thermometers', type: 'number', label: t('体温计/测温枪', 'Thermometers'), required: true, integer: true, min: 0, max: 10_000, unit: t('个', 'pcs') },
      { key: 'disinfectant_litres', type: 'number', label: t('消毒液储备', 'Disinfectant on hand'), required: true, min: 0, max: 100_000, unit: t('升', 'litres') },
      { key: 'isolation_room', type: 'boolean', label: t('设有临时隔离观察室', 'Has a temporary isolation room') },
    ],
    alerts: [
      { key: 'no_thermometer', level: 'warning', action: 'notify', when: { field: 'thermometers', op: 'eq', value: 0 }, message: t('未配备测温设备', 'No thermometer on hand') },
    ],
  };
}
