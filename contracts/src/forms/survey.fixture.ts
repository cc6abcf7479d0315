/** A small door-to-door survey for the engine's tests (the seeded examples live with the server). */
import type { FormDefinition } from './definition.js';

const t = (zh: string, en: string) => ({ zh, en });

export const SURVEY: FormDefinition = {
  key: 'test.survey',
  version: 1,
  title: t('测试走访', 'Test survey'),
  fields: [
    { key: 'intro', type: 'note', label: t('说明', 'About') },
    { key: 'address', type: 'text', label: t('地址', 'Address'), required: true, maxLength: 50 },
    { key: 'visited_on', type: 'date', label: t('走访日期', 'Visited on'), required: true, min: 'today-30d', max: 'today' },
    {
      key: 'nobody_home',
      type: 'boolean',
      label: t('无人在家', 'Nobody home'),
      required: true,
    },
    {
      key: 'members',
      type: 'repeat',
      label: t('家庭成员', 'Members'),
      itemLabel: t('成员', 'Member'),
      required: true,
      maxItems: 3,
      showIf: { field: 'nobody_home', op: 'eq', value: false },
      fields: [
        { key: 'name', type: 'text', label: t('姓名', 'Name'), required: true },
        { key: 'id_number', type: 'id_number', label: t('身份证号', 'ID number') },
        { key: 'phone', type: 'phone', label: t('电话', 'Phone') },
        { key: 'temperature', type: 'number', label: t('体温', 'Temperature'), unit: t('°C', '°C'), min: 34, max: 43, required: true },
        {
          key: 'symptoms',
          type: 'multi_choice',
          label: t('症状', 'Symptoms'),
          options: [
            { value: 'cough', label: t('咳嗽', 'Cough') },
            { value: 'fatigue', label: t('乏力', 'Fatigue') },
            { value: 'sore_throat', label: t('咽痛', 'Sore throat') },
          ],
          showIf: { field: 'temperature', op: 'gte', value: 37.3 },
        },
        { key: 'travelled', type: 'boolean', label: t('14天内外出', 'Travelled in 14 days') },
        {
          key: 'arrived_on',
          type: 'date',
          label: t('返回日期', 'Arrived on'),
          required: true,
          showIf: { field: 'travelled', op: 'eq', value: true },
        },
        {
          key: 'address',
          type: 'text',
          label: t('成员另住地址', 'Member lives elsewhere at'),
          showIf: { field: 'relation', op: 'eq', value: 'other' },
        },
        { key: 'elsewhere_since', type: 'date', label: t('另住起始', 'Elsewhere since'), showIf: { field: 'address', op: 'not_empty' } },
        { key: 'isolated', type: 'boolean', label: t('已隔离', 'Isolated'), showIf: { field: 'contact', op: 'eq', value: 'close' } },
        {
          key: 'relation',
          type: 'choice',
          label: t('关系', 'Relation'),
          options: [
            { value: 'self', label: t('本人', 'Self') },
            { value: 'other', label: t('其他', 'Other') },
          ],
        },
      ],
    },
    {
      key: 'contact',
      type: 'choice',
      label: t('接触史', 'Contact with a case'),
      required: true,
      options: [
        { value: 'none', label: t('无', 'None') },
        { value: 'close', label: t('密切接触', 'Close contact') },
        { value: 'secondary', label: t('次密接', 'Secondary contact') },
      ],
    },
    { key: 'contact_note', type: 'text', label: t('接触情况', 'Contact details'), multiline: true, required: true, showIf: { field: 'contact', op: 'in', value: ['close', 'secondary'] } },
    { key: 'fever_note', type: 'text', label: t('发热处置', 'Fever handling'), showIf: { some: 'members', where: { field: 'temperature', op: 'gte', value: 37.3 } } },
    { key: 'photos', type: 'photo', label: t('照片', 'Photos'), maxCount: 2 },
    { key: 'place', type: 'location', label: t('位置', 'Location'), withAddress: true },
    { key: 'signature', type: 'signature', label: t('签名', 'Signature') },
    { key: 'promise', type: 'boolean', label: t('承诺属实', 'I declare this is true'), mustBeTrue: true },
  ],
  alerts: [
    {
      key: 'member_fever',
      forEach: 'members',
      when: { field: 'temperature', op: 'gte', value: 37.3 },
      level: 'warning',
      message: t('成员发热', 'A member has a fever'),
      action: 'follow_up',
    },
    {
      key: 'household_fever',
      when: { some: 'members', where: { field: 'temperature', op: 'gte', value: 37.3 } },
      level: 'info',
      message: t('户内有发热人员', 'Someone in the household has a fever'),
    },
    {
      key: 'contact',
      when: { field: 'contact', op: 'in', value: ['close', 'secondary'] },
      level: 'critical',
      message: t('有接触史', 'Contact with a case'),
      action: 'ticket',
    },
    {
      key: 'recent_arrival',
      forEach: 'members',
      when: { all: [{ field: 'travelled', op: 'eq', value: true }, { field: 'arrived_on', op: 'gte', value: 'today-14d' }] },
      level: 'warning',
      message: t('14天内返回', 'Arrived in the last 14 days'),
      action: 'follow_up',
    },
  ],
};

export const TODAY = '2026-11-23';
/** Valid ID numbers (check digits correct). */
export const ID_1 = '11010519491231002X';
export const ID_2 = '440524188001010014';
