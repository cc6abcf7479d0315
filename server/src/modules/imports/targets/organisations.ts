/**
 * Organisations and households as import targets. An organisation is known by its name in its
 * grid; its credit code, when given, must be checked (GB 32100) and not belong to another
 * organisation. A household is known by its number in its grid and names its head by ID
 * number: the head must be a resident in the importer's scope who belongs to no other household.
 */
import { maskIdNumber, validateCreditCode } from '@gridgov/contracts';
import { addHouseholdHeads, findLiveRecords, householdHeads, identityHash, residentsByIdHash } from '../../registers/bulk-writer.js';
import { HOUSEHOLD_KIND_LABELS, ORGANIZATION_KIND_LABELS } from '../../registers/labels.js';
import type { KindImport } from '../row-target.js';
import { allowedOf, maskedPhone, plainText, readContactPhone, readWord, wordTable } from './parse.js';
import { ADDRESS, codes, GRID_CODE, LAT, LON, NOTES_FIELD } from './places.js';

const GRID_NOTE = '15 位网格编码，须在您的管辖范围内';

function display(values: Record<string, string | null>, mapped: ReadonlySet<string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of mapped) {
    const v = values[f] ?? null;
    out[f] = f === 'contactPhone' ? maskedPhone(v) : f === 'headIdNumber' && v ? maskIdNumber(v) : v;
  }
  return out;
}

// ---------- organisations ----------
const ORGANIZATION_WORDS = wordTable(ORGANIZATION_KIND_LABELS, { 公司: 'enterprise', 企业单位: 'enterprise', 个体户: 'shop', 个体商户: 'shop', 商户: 'shop', 社会团体: 'social_org', 民办非企业: 'social_org', 机关: 'government_unit', 事业单位: 'government_unit' });

export const organizationImport: KindImport = {
  register: 'organization',
  fields: [
    { field: 'name', zh: '单位名称', en: 'Organisation name', required: true, max: 100, aliases: ['名称', '企业名称', '单位', 'name', 'organization', 'organisation'] },
    { field: 'kind', zh: '单位类型', en: 'Organisation type', required: true, max: 20, aliases: ['类型', '单位类别', '企业类型', 'type', 'kind'] },
    { field: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', required: false, max: 18, aliases: ['信用代码', '社会信用代码', 'uscc', 'creditcode'] },
    { field: 'legalRepresentative', zh: '法定代表人', en: 'Legal representative', required: false, max: 50, aliases: ['法人', '法人代表', '经营者'] },
    { field: 'contactName', zh: '联系人', en: 'Contact', required: false, max: 50, aliases: ['负责人', 'contactname', 'contact'] },
    { field: 'contactPhone', zh: '联系电话', en: 'Contact phone', required: false, max: 20, aliases: ['电话', '手机', '联系方式', 'phone', 'contactphone'], normalize: 'phone' },
    { ...ADDRESS, aliases: [...ADDRESS.aliases, '注册地址', '经营地址', '办公地址'] },
    GRID_CODE,
    LON,
    LAT,
    NOTES_FIELD,
  ],
  notes: {
    name: '同一网格内不得重名；已有同名单位时更新该单位',
    kind: `可填：${allowedOf(ORGANIZATION_KIND_LABELS)}`,
    creditCode: '18 位统一社会信用代码（校验位须正确），不得与其他单位重复',
    contactPhone: '手机号或带区号的固定电话',
    gridCode: GRID_NOTE,
  },
  fileKey: ['gridCode', 'name'],
  keyField: 'name',
  storedKey: ['gridId', 'name'],
  lookupBy: ['gridId', 'name'],
  parse(values, issue, { vault, mapped }) {
    const kind = readWord(values, 'kind', ORGANIZATION_WORDS, ORGANIZATION_KIND_LABELS, issue);
    const phone = readContactPhone(vault, values, 'contactPhone', issue);
    let creditCode: string | null | undefined;
    if (mapped.has('creditCode')) {
      const given = values.creditCode ?? null;
      creditCode = given === null ? null : validateCreditCode(given.toUpperCase());
      if (given !== null && !creditCode) {
        issue('creditCode', 'CREDIT_CODE_INVALID');
        creditCode = undefined;
        return null;
      }
    }
    if (!kind || !phone) return null;
    const columns: Record<string, unknown> = {
      name: values.name,
      kind,
      ...plainText(values, ['legalRepresentative', 'contactName', 'address', 'notes'], mapped),
      ...phone,
    };
    for (const [field, limit] of [['lon', 180], ['lat', 90]] as const) {
      if (!mapped.has(field) || values[field] == null) {
        if (mapped.has(field)) columns[field] = null;
        continue;
      }
      const n = Number(values[field]!.normalize('NFKC').replace(/[,\s]/g, ''));
      if (!Number.isFinite(n) || Math.abs(n) > limit) {
        issue(field, 'IMPORT_CELL_INVALID', { allowed: `-${limit}–${limit}` });
        return null;
      }
      columns[field] = n;
    }
    if (creditCode !== undefined) columns.creditCode = creditCode;
    return { columns, gridCode: values.gridCode ?? null, refs: {}, display: { ...display(values, mapped), ...codes({ kind }) } };
  },
  async check(batch, rows) {
    // A credit code names one organisation: not another one already registered, nor an earlier row.
    const coded = rows.filter((r) => !r.failed && typeof r.columns.creditCode === 'string');
    if (coded.length === 0) return;
    const holders = await findLiveRecords(batch.db, 'organization', { creditCode: coded.map((r) => r.columns.creditCode) });
    const holderOf = new Map(holders.map((h) => [String(h.creditCode), h.id]));
    const seen = new Set<string>();
    for (const r of coded) {
      const code = r.columns.creditCode as string;
      const holder = holderOf.get(code);
      if ((holder && holder !== r.existing?.id) || seen.has(code)) batch.fail(r, 'creditCode', 'REGISTER_DUPLICATE');
      seen.add(code);
    }
  },
};

// ---------- households ----------
const HOUSEHOLD_WORDS = wordTable(HOUSEHOLD_KIND_LABELS, { 家庭: 'family', 家庭户口: 'family', 集体: 'collective', 集体户口: 'collective' });

export const householdImport: KindImport = {
  register: 'household',
  fields: [
    { field: 'number', zh: '户号', en: 'Household number', required: true, max: 40, aliases: ['户编号', '户口编号', '户籍编号', 'number', 'householdnumber'] },
    { field: 'kind', zh: '户类型', en: 'Household type', required: false, max: 20, aliases: ['户别', '类型', '户口类型', 'type', 'kind'] },
    GRID_CODE,
    { ...ADDRESS, aliases: [...ADDRESS.aliases, '家庭住址', '现住址'] },
    { field: 'headIdNumber', zh: '户主证件号码', en: 'Head ID number', required: false, max: 40, aliases: ['户主身份证号', '户主身份证号码', '户主证件号', 'headidnumber'], normalize: 'id' },
    NOTES_FIELD,
  ],
  notes: {
    number: '同一网格内不得重复；已有该户号时更新该户',
    kind: `默认为家庭户；可填：${allowedOf(HOUSEHOLD_KIND_LABELS)}`,
    gridCode: GRID_NOTE,
    headIdNumber: '已登记、在您管辖范围内且不属于其他户的居民的证件号码',
  },
  fileKey: ['gridCode', 'number'],
  keyField: 'number',
  storedKey: ['gridId', 'number'],
  lookupBy: ['gridId', 'number'],
  onCreate: (c) => ({ kind: 'family', ...c }),
  parse(values, issue, { vault, today, mapped }) {
    const kind = readWord(values, 'kind', HOUSEHOLD_WORDS, HOUSEHOLD_KIND_LABELS, issue);
    let head: Buffer | null = null;
    if (values.headIdNumber) {
      head = identityHash(vault, values.headIdNumber, today);
      if (!head) {
        issue('headIdNumber', 'ID_NUMBER_INVALID');
        return null;
      }
    }
    if (kind === null) return null;
    const columns: Record<string, unknown> = { number: values.number, ...plainText(values, ['address', 'notes'], mapped) };
    if (kind) columns.kind = kind;
    return { columns, gridCode: values.gridCode ?? null, refs: { head }, display: { ...display(values, mapped), ...codes({ kind }) } };
  },
  async check(batch, rows) {
    const withHead = rows.filter((r) => !r.failed && r.parsed.refs.head);
    if (withHead.length === 0) return;
    const people = await residentsByIdHash(batch.db, withHead.map((r) => r.parsed.refs.head as Buffer));
    const heads = await householdHeads(batch.db, withHead.flatMap((r) => (r.existing ? [r.existing.id] : [])));
    const taken = new Set<string>();
    const actor = batch.ctx.actor;
    for (const r of withHead) {
      const person = people.get((r.parsed.refs.head as Buffer).toString('hex'));
      if (!person || !person.regionCode.startsWith(actor.regionPrefix) || (actor.gridId && person.gridId !== actor.gridId)) {
        batch.fail(r, 'headIdNumber', 'REGISTER_REFERENCE_INVALID');
        continue;
      }
      const currentHead = r.existing ? heads.get(r.existing.id) : undefined;
      if (currentHead === person.id) continue;
      if (currentHead) batch.fail(r, 'headIdNumber', 'HOUSEHOLD_HEAD_EXISTS');
      else if (person.householdId || taken.has(person.id)) batch.fail(r, 'headIdNumber', 'HOUSEHOLD_MEMBER_EXISTS');
      else {
        r.refs = { headId: person.id };
        taken.add(person.id);
      }
    }
  },
  async afterWrite(batch, rows) {
    await addHouseholdHeads(
      batch.db,
      batch.ctx,
      rows.flatMap((r) => (r.refs?.headId ? [{ householdId: r.id, residentId: r.refs.headId }] : [])),
    );
  },
};
