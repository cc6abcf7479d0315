import { defineAuditActions } from '../audit-kit.js';

const record = <const K extends string>(kind: K, zh: string, en: string) =>
  ({
    [`${kind}.create`]: { zh: `新增${zh}`, en: `${en} created` },
    [`${kind}.update`]: { zh: `修改${zh}`, en: `${en} changed` },
    [`${kind}.delete`]: { zh: `删除${zh}`, en: `${en} deleted` },
    [`${kind}.read`]: { zh: `查看${zh}`, en: `${en} read` },
    [`${kind}.list`]: { zh: `查询${zh}列表`, en: `${en} list read` },
    [`${kind}.history.read`]: { zh: `查看${zh}变更记录`, en: `${en} history read` },
    [`${kind}.search`]: { zh: `按证件号或电话查找${zh}`, en: `${en} looked up by ID number or phone` },
  }) as Record<`${K}.${'create' | 'update' | 'delete' | 'read' | 'list' | 'history.read' | 'search'}`, { zh: string; en: string }>;

export const REGISTER_AUDIT_ACTIONS = defineAuditActions({
  ...record('resident', '居民', 'Resident'),
  ...record('household', '户', 'Household'),
  ...record('building', '楼栋', 'Building'),
  ...record('dwelling', '房屋', 'Dwelling'),
  ...record('venue', '场所', 'Venue'),
  ...record('facility', '部件', 'Facility'),
  ...record('organization', '单位', 'Organisation'),
  'household.members.add': { zh: '添加户成员', en: 'Household member added' },
  'household.members.remove': { zh: '移除户成员', en: 'Household member removed' },
  'organization.employees.add': { zh: '添加单位员工', en: 'Employee added' },
  'organization.employees.remove': { zh: '移除单位员工', en: 'Employee removed' },
  'account.identify': { zh: '居民账号实名认证', en: 'Resident account identified (real name)' },
  'register.unmask': { zh: '查看完整个人信息', en: 'Full personal data revealed' },
  /** A write refused because its ID number (or code) is already registered: counted like an unmask. */
  'register.duplicate': { zh: '登记的证件号或编号与已有记录重复', en: 'Write refused: the ID number or code is already registered' },
  /** Rows of an import (or its dry run) whose ID numbers are registered outside the importer's scope: counted like as many unmasks. */
  'register.duplicates': { zh: '导入的证件号已在管辖范围外登记', en: 'Imported ID numbers already registered outside the importer\'s scope' },
});
