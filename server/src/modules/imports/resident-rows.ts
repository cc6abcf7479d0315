/**
 * Residents from spreadsheet rows: the columns an import offers, the Chinese (or English)
 * words accepted for types, kinds and tags, and the check of one row into the columns it
 * would store. Identity and phone are checked, normalised and protected by the register's own
 * `residentColumns`, so an import accepts exactly what the API accepts.
 */
import { maskIdNumber, maskPhone, RESIDENT_TAGS } from '@gridgov/contracts';
import type { PiiVault } from '../../platform/pii/vault.js';
import { residentColumns, type ResidentColumns, type ResidentFields } from '../registers/resident-columns.js';
import { nameKeys } from '../registers/name-search.js';
import { TAG_LABELS } from '../registers/labels.js';
import type { FieldSpec } from './fields.js';
import type { RowIssue } from './row-issues.js';

export const RESIDENT_FIELDS: readonly FieldSpec[] = [
  { field: 'name', zh: '姓名', en: 'Name', required: true, max: 50, aliases: ['名字', '居民姓名', 'fullname'] },
  { field: 'idType', zh: '证件类型', en: 'ID type', required: false, max: 20, aliases: ['证件种类', 'idtype', 'documenttype'] },
  { field: 'idNumber', zh: '证件号码', en: 'ID number', required: true, max: 40, aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号', 'idno', 'idcard'], normalize: 'id' },
  { field: 'phone', zh: '联系电话', en: 'Phone', required: false, max: 20, aliases: ['电话', '手机', '手机号', '手机号码', '联系方式', 'mobile', 'phonenumber'], normalize: 'phone' },
  { field: 'kind', zh: '人口类型', en: 'Resident type', required: false, max: 10, aliases: ['人员类型', '人口类别', 'kind', 'type', 'residenttype'] },
  { field: 'gridCode', zh: '网格编码', en: 'Grid code', required: true, max: 40, aliases: ['网格代码', '网格编号', '所属网格编码', 'grid', 'gridcode'], normalize: 'code' },
  { field: 'address', zh: '现住址', en: 'Address', required: false, max: 200, aliases: ['现居住地址', '居住地址', '现住地址', '住址', '地址', 'currentaddress'] },
  { field: 'registeredAddress', zh: '户籍地址', en: 'Registered address', required: false, max: 200, aliases: ['户籍地', '户籍所在地', '户口所在地', 'hukouaddress'] },
  { field: 'nationality', zh: '国籍', en: 'Nationality', required: false, max: 40, aliases: ['国籍（地区）', 'country'] },
  { field: 'ethnicity', zh: '民族', en: 'Ethnicity', required: false, max: 20, aliases: ['ethnicgroup'] },
  { field: 'birthDate', zh: '出生日期', en: 'Birth date', required: false, max: 20, aliases: ['出生年月日', '生日', 'dateofbirth', 'birthday'] },
  { field: 'sex', zh: '性别', en: 'Sex', required: false, max: 10, aliases: ['gender'] },
  { field: 'tags', zh: '标签', en: 'Tags', required: false, max: 200, aliases: ['人员标签', '特殊人群', 'labels'] },
  { field: 'notes', zh: '备注', en: 'Notes', required: false, max: 500, aliases: ['说明', 'remarks', 'note'] },
];


const ID_TYPE_WORDS: Record<string, string> = {
  id_card: 'id_card', 居民身份证: 'id_card', 身份证: 'id_card', 二代身份证: 'id_card', 身份证件: 'id_card', idcard: 'id_card',
  passport: 'passport', 护照: 'passport',
  other: 'other', 其他: 'other', 其它: 'other', 其他证件: 'other',
};
const KIND_WORDS: Record<string, string> = {
  registered: 'registered', 户籍: 'registered', 户籍人口: 'registered', 常住: 'registered', 常住人口: 'registered',
  floating: 'floating', 流动: 'floating', 流动人口: 'floating',
  overseas: 'overseas', 境外: 'overseas', 境外人员: 'overseas', 境外人口: 'overseas',
};
const SEX_WORDS: Record<string, string> = { male: 'male', 男: 'male', m: 'male', female: 'female', 女: 'female', f: 'female' };
const TAG_WORDS: Record<string, string> = Object.fromEntries(
  RESIDENT_TAGS.flatMap((tag) => [[tag, tag], [TAG_LABELS[tag], tag]]).concat([['低保', 'low_income'], ['低保户', 'low_income'], ['低收入', 'low_income'], ['慢性病', 'chronic_illness'], ['残疾', 'disabled']]),
);

export const ALLOWED_WORDS = {
  idType: '居民身份证、护照、其他',
  kind: '户籍、流动、境外',
  sex: '男、女',
  tags: Object.values(TAG_LABELS).join('、'),
  birthDate: 'YYYY-MM-DD',
};

const word = (table: Record<string, string>, value: string) => table[value.replace(/\s/g, '').toLowerCase()];

/** Excel's day count (1900 date system) or a written date -> YYYY-MM-DD; null if not a date. */
export function parseDate(value: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const ymd = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
  };
  const written = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(value);
  if (written) return ymd(Number(written[1]), Number(written[2]), Number(written[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (/^\d{1,5}(\.\d+)?$/.test(value)) {
    const serial = Math.floor(Number(value));
    if (serial < 1 || serial > 80_000) return null;
    const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  return null;
}

export interface ResidentRowResult {
  /** Stored columns (without grid) when the row is valid. */
  columns: ResidentColumns | null;
  gridCode: string | null;
  /** Keyed hash of the ID number when the number itself is valid (for duplicate detection). */
  idHash: Buffer | null;
  /** Display values for a preview, personal data masked (only when asked for). */
  display: Record<string, string | null> | null;
}

/** Names whose search keys are remembered at once (then the memory starts over). */
const NAME_CACHE = 200_000;
const PLAIN_FIELDS = ['nationality', 'ethnicity', 'registeredAddress', 'address', 'notes'] as const;

/**
 * Checks resident rows' mapped values (already through `readMappedCells`) for one import; problems
 * go to `issues`. Only mapped fields are read or written, so an import never clears a column it
 * does not name. Built once per import: a million rows go through `prepare`.
 */
export class ResidentRows {
  private readonly mapped: Set<string>;
  private readonly nameKeys = new Map<string, { namePinyin: string; nameInitials: string }>();
  private readonly plain: ReadonlyArray<(typeof PLAIN_FIELDS)[number]>;

  constructor(
    private readonly vault: PiiVault,
    private readonly columnOf: (field: string) => string | null,
    private readonly today: Date,
    private readonly withDisplay: boolean,
  ) {
    this.mapped = new Set(RESIDENT_FIELDS.map((f) => f.field).filter((f) => columnOf(f) !== null));
    this.plain = PLAIN_FIELDS.filter((f) => this.mapped.has(f));
  }

  private issue(issues: RowIssue[], row: number, field: string, code: RowIssue['code'], extra?: Partial<RowIssue>): void {
    issues.push({ row, column: this.columnOf(field), field, code, ...extra });
  }

  /** undefined: empty or not mapped; null: a word that is not allowed (and an issue). */
  private pick(values: Record<string, string | null>, field: 'idType' | 'kind' | 'sex', table: Record<string, string>, row: number, issues: RowIssue[]): string | null | undefined {
    const value = values[field];
    if (value === undefined || value === null) return undefined;
    const found = word(table, value);
    if (found) return found;
    this.issue(issues, row, field, 'IMPORT_CELL_INVALID', { allowed: ALLOWED_WORDS[field] });
    return null;
  }

  prepare(values: Record<string, string | null>, row: number, issues: RowIssue[]): ResidentRowResult {
    const before = issues.length;
    const idTypeValue = this.pick(values, 'idType', ID_TYPE_WORDS, row, issues);
    const idType = idTypeValue ?? 'id_card';
    const kind = this.pick(values, 'kind', KIND_WORDS, row, issues);
    const sex = this.pick(values, 'sex', SEX_WORDS, row, issues);
    let birthDate = values.birthDate ?? null;
    if (birthDate !== null) {
      birthDate = parseDate(birthDate);
      if (!birthDate) this.issue(issues, row, 'birthDate', 'IMPORT_CELL_INVALID', { allowed: ALLOWED_WORDS.birthDate });
    }
    let tags: string[] | undefined;
    if (this.mapped.has('tags')) {
      tags = [];
      for (const piece of (values.tags ?? '').split(/[,，、;；\s]+/)) {
        if (!piece) continue;
        const tag = word(TAG_WORDS, piece);
        if (!tag) {
          this.issue(issues, row, 'tags', 'IMPORT_CELL_INVALID', { allowed: ALLOWED_WORDS.tags });
          break;
        }
        tags.push(tag);
      }
    }
    const rawId = values.idNumber ?? null;
    const idNumber = rawId !== null && /\s/.test(rawId) ? rawId.replace(/\s/g, '') : rawId;

    // The whole row through the register's own check; an unreadable ID type fails the row
    // without checking the number against a guess. The name's search keys come from the same
    // function the register uses, remembered per name: names repeat, their pinyin is costly.
    const input: ResidentFields = {};
    const checkId = idNumber !== null && idTypeValue !== null;
    if (checkId) {
      input.idType = idType;
      input.idNumber = idNumber;
      if (birthDate) input.birthDate = birthDate;
      if (sex) input.sex = sex;
    }
    // A file without the type (most exports of household registers): residents are registered ones.
    if (kind) input.kind = kind;
    else if (kind === undefined) input.kind = 'registered';
    for (const field of this.plain) input[field] = values[field] ?? null;
    if (this.mapped.has('phone')) input.phone = values.phone ?? null;
    if (tags) input.tags = tags;
    const checked = residentColumns(this.vault, input, null, this.today);
    let columns: ResidentColumns | null = null;
    let idHash: Buffer | null = null;
    if (checked.ok) {
      columns = checked.value;
      const name = values.name ?? '';
      let keys = this.nameKeys.get(name);
      if (!keys) {
        if (this.nameKeys.size >= NAME_CACHE) this.nameKeys.clear();
        const k = nameKeys(name);
        this.nameKeys.set(name, (keys = { namePinyin: k.pinyin, nameInitials: k.initials }));
      }
      Object.assign(columns, { name }, keys);
      idHash = columns.idHash ?? null;
      // Other documents keep birth date and sex only from their own columns.
      if (idType !== 'id_card') {
        if (!this.mapped.has('birthDate')) delete columns.birthDate;
        if (!this.mapped.has('sex')) delete columns.sex;
      }
    } else {
      for (const e of checked.errors) this.issue(issues, row, e.field, e.code, e.reason ? { reason: e.reason } : undefined);
      if (checkId && !checked.errors.some((e) => e.field === 'idNumber')) {
        // The number is fine though the row is not: its hash still marks later rows as duplicates.
        const identity = residentColumns(this.vault, { idType, idNumber: idNumber!, birthDate: input.birthDate, sex: input.sex }, null, this.today);
        if (identity.ok) idHash = identity.value.idHash ?? null;
      }
    }
    if (issues.length > before) columns = null;
    return { columns, gridCode: values.gridCode ?? null, idHash, display: this.withDisplay ? this.display(values, columns, { idType, idNumber, kind, sex, birthDate, tags }) : null };
  }

  private display(
    values: Record<string, string | null>,
    columns: ResidentColumns | null,
    read: { idType: string; idNumber: string | null; kind?: string | null; sex?: string | null; birthDate: string | null; tags?: string[] },
  ): Record<string, string | null> {
    const out: Record<string, string | null> = {
      name: values.name ?? null,
      idType: read.idType,
      idNumber: columns?.idMasked ?? (read.idNumber ? maskIdNumber(read.idNumber) : null),
      gridCode: values.gridCode ?? null,
    };
    if (this.mapped.has('phone')) out.phone = columns ? (columns.phoneMasked ?? null) : values.phone ? maskPhone(values.phone) : null;
    if (this.mapped.has('kind')) out.kind = read.kind ?? null;
    if (this.mapped.has('sex')) out.sex = read.sex ?? null;
    if (this.mapped.has('birthDate')) out.birthDate = read.birthDate;
    if (read.tags) out.tags = read.tags.join(',');
    for (const field of this.plain) out[field] = values[field] ?? null;
    return out;
  }
}
