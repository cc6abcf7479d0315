/** The resident register (人口): list columns, detail fields and the form. ID number and phone are write-only: the form shows the masked ones. */
import { Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { residentInput, type Resident } from '@gridgov/contracts';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import type { Translate } from '../../../i18n/i18n';
import { textOrNull } from '../../../shared/fields/contract-rules';
import { phonePatch } from '../../../shared/fields/SecretPhoneField';
import { orDash } from '../../../shared/format';
import { RecordLink } from '../../../shared/links/record-links';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { dwellingField, fieldOf, identityFilters, kindFilter, registerPage, tagFilter } from '../shared/register-page';
import { isResidentTag, type ResidentTag } from '../shared/resident-tag';

const KIND_COLOR: Record<Resident['kind'], string> = { registered: 'blue', floating: 'orange', overseas: 'purple' };

function tags(t: Translate, values: readonly string[]) {
  if (values.length === 0) return '—';
  return (
    <Space size={[0, 4]} wrap>
      {values.map((tag) => (
        <Tag key={tag} color="geekblue">
          {enumLabel(t, 'tag', tag)}
        </Tag>
      ))}
    </Space>
  );
}

function sexAndAge(t: Translate, resident: Resident): string {
  // The register shows the birth year only (docs/personal-data.md): the age is the year's.
  const born = resident.birthYear === null ? null : t('reg.birthYear', { year: resident.birthYear });
  return [enumLabel(t, 'sex', resident.sex), born].filter(Boolean).join(' · ');
}

interface Values extends Record<string, unknown> {
  gridId?: string;
  name: string;
  idType: EnumValue<'idType'>;
  idNumber?: string;
  phone?: string;
  phoneClear?: boolean;
  kind: EnumValue<'residentKind'>;
  birthDate?: Dayjs | null;
  sex?: 'male' | 'female' | null;
  nationality?: string;
  ethnicity?: string;
  registeredAddress?: string;
  address?: string;
  dwellingId?: string | null;
  tags?: ResidentTag[];
  notes?: string;
}

const shape = residentInput.shape;
const label = fieldOf('resident');

function initialValues(record: Resident | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', idType: 'id_card', kind: 'registered', tags: [], nationality: '中国' };
  return {
    gridId: record.gridId,
    name: record.name,
    idType: record.idType,
    kind: record.kind,
    // Only the year is shown: a birth date is entered again to change it.
    birthDate: null,
    sex: record.sex,
    nationality: record.nationality ?? '',
    ethnicity: record.ethnicity ?? '',
    registeredAddress: record.registeredAddress ?? '',
    address: record.address ?? '',
    dwellingId: record.dwellingId,
    tags: record.tags.filter(isResidentTag),
    notes: record.notes ?? '',
  };
}

/** Fields every save sends (the server records only what changed). */
function common(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind,
    nationality: textOrNull(values.nationality),
    ethnicity: textOrNull(values.ethnicity),
    registeredAddress: textOrNull(values.registeredAddress),
    address: textOrNull(values.address),
    dwellingId: values.dwellingId ?? null,
    tags: values.tags ?? [],
    notes: textOrNull(values.notes),
  };
}

/** Birth date and sex are given only for documents that do not carry them. */
function identityExtras(values: Values) {
  if (values.idType === 'id_card') return {};
  // The stored birth date is not shown (only its year), so an empty field keeps it.
  return { ...(values.birthDate ? { birthDate: values.birthDate.format('YYYY-MM-DD') } : {}), sex: values.sex ?? null };
}

function toCreate(values: Values): RegisterInput<'resident'> {
  return {
    ...common(values),
    idType: values.idType,
    idNumber: (values.idNumber ?? '').trim(),
    phone: textOrNull(values.phone),
    ...identityExtras(values),
  };
}

function toUpdate(values: Values, record: Resident): RegisterUpdate<'resident'> {
  const idNumber = values.idNumber?.trim();
  const identity = idNumber ? { idType: values.idType, idNumber, ...identityExtras(values) } : values.idType !== record.idType ? { idType: values.idType } : identityExtras(values);
  const phone = phonePatch(values.phone, values.phoneClear);
  return { version: record.version, ...common(values), ...identity, ...('value' in phone ? { phone: phone.value } : {}) };
}

/** Documents other than the resident ID card carry no birth date and sex: they are asked for. */
const notIdCard = ({ values }: { values: Partial<Values> }) => values.idType !== 'id_card';

export const residentRegister = registerPage<'resident', Values>({
  kind: 'resident',
  slug: 'residents',
  title: 'menu.residents',
  searchPlaceholder: 'reg.search.resident',
  recordName: (resident) => resident.name,
  filters: [...identityFilters, kindFilter('residentKind', 'field.resident.kind'), tagFilter],
  unmask: ['idNumber', 'phone'],
  map: 'choropleth',
  columns: ({ t }) => [
    {
      key: 'name',
      title: fieldLabel(t, 'resident', 'name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { key: 'sex', title: t('reg.sexAge'), render: (_value, resident) => sexAndAge(t, resident) },
    {
      key: 'id',
      title: fieldLabel(t, 'resident', 'idNumber'),
      dataIndex: 'idNumberMasked',
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    { key: 'phone', title: fieldLabel(t, 'resident', 'phone'), dataIndex: 'phoneMasked', render: (value: string | null) => orDash(value) },
    {
      key: 'kind',
      title: fieldLabel(t, 'resident', 'kind'),
      dataIndex: 'kind',
      render: (kind: Resident['kind']) => <Tag color={KIND_COLOR[kind]}>{enumLabel(t, 'residentKind', kind)}</Tag>,
    },
    { key: 'tags', title: fieldLabel(t, 'resident', 'tags'), dataIndex: 'tags', render: (values: string[]) => tags(t, values) },
    { key: 'address', title: fieldLabel(t, 'resident', 'address'), dataIndex: 'address', ellipsis: true, render: (value: string | null) => orDash(value) },
  ],
  describe: (r, { t, unmasked }) => {
    const field = (name: string) => fieldLabel(t, 'resident', name);
    return [
      { key: 'name', label: field('name'), children: <span data-testid="residents-detail-name">{r.name}</span> },
      { key: 'idType', label: field('idType'), children: enumLabel(t, 'idType', r.idType) },
      {
        key: 'idNumber',
        label: field('idNumber'),
        children: (
          <Typography.Text code data-testid="residents-detail-id">
            {unmasked?.idNumber ?? r.idNumberMasked}
          </Typography.Text>
        ),
      },
      {
        key: 'phone',
        label: field('phone'),
        children: <span data-testid="residents-detail-phone">{orDash(unmasked?.phone ?? r.phoneMasked)}</span>,
      },
      { key: 'sex', label: `${field('sex')} / ${field('birthDate')}`, children: sexAndAge(t, r) || '—' },
      { key: 'kind', label: field('kind'), children: enumLabel(t, 'residentKind', r.kind) },
      { key: 'tags', label: field('tags'), children: tags(t, r.tags) },
      { key: 'nationality', label: `${field('nationality')} / ${field('ethnicity')}`, children: [r.nationality, r.ethnicity].filter(Boolean).join(' · ') || '—' },
      { key: 'registeredAddress', label: field('registeredAddress'), children: orDash(r.registeredAddress) },
      { key: 'address', label: field('address'), children: <span data-testid="residents-detail-address">{orDash(r.address)}</span> },
      { key: 'dwelling', label: field('dwellingId'), children: orDash(r.dwellingLabel) },
      {
        key: 'household',
        label: field('householdId'),
        children: r.householdId ? <RecordLink kind="household" id={r.householdId}>{t('resident.openHousehold')}</RecordLink> : '—',
      },
      { key: 'notes', label: field('notes'), children: orDash(r.notes) },
    ];
  },
  form: {
    initialValues: (record, me) => initialValues(record, me.scope.gridId ?? undefined),
    toCreate,
    toUpdate,
    fields: [
      { name: 'name', label: label('name'), input: { type: 'text', maxLength: 50 }, schema: shape.name, span: 12, testId: 'name' },
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', span: 12, testId: 'grid' },
      { name: 'idType', label: label('idType'), input: { type: 'select', options: (t) => enumOptions(t, 'idType') }, required: true, span: 8, testId: 'id-type' },
      {
        name: 'idNumber',
        label: label('idNumber'),
        input: { type: 'text', maxLength: 40, autoComplete: 'off', placeholder: ({ record }) => record?.idNumberMasked },
        schema: shape.idNumber,
        // A new resident needs one; when editing, empty keeps the stored number (unless the document type changes).
        required: ({ record }) => record === null,
        skipEmpty: ({ record, values }) => record !== null && values.idType === record.idType,
        extra: ({ t, record, values }) =>
          record ? t('reg.keepId', { masked: record.idNumberMasked }) : values.idType === 'id_card' ? t('reg.idDerived') : undefined,
        span: 16,
        testId: 'id',
      },
      { name: 'birthDate', label: label('birthDate'), input: { type: 'date' }, visible: notIdCard, span: 12, testId: 'birth' },
      { name: 'sex', label: label('sex'), input: { type: 'select', allowClear: true, options: (t) => enumOptions(t, 'sex') }, visible: notIdCard, span: 12, testId: 'sex' },
      { name: 'phone', label: label('phone'), input: { type: 'secretPhone', masked: (record) => record?.phoneMasked }, schema: shape.phone, span: 12, testId: 'phone' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'residentKind') }, schema: shape.kind, span: 12, testId: 'kind' },
      { name: 'tags', label: label('tags'), input: { type: 'select', multiple: true, allowClear: true, options: (t) => enumOptions(t, 'tag') }, testId: 'tags' },
      { name: 'nationality', label: label('nationality'), input: { type: 'text', maxLength: 40 }, schema: shape.nationality, span: 12 },
      { name: 'ethnicity', label: label('ethnicity'), input: { type: 'text', maxLength: 20, placeholder: '汉族' }, schema: shape.ethnicity, span: 12 },
      { name: 'registeredAddress', label: label('registeredAddress'), input: { type: 'text', maxLength: 200 }, schema: shape.registeredAddress, testId: 'registered-address' },
      { name: 'address', label: label('address'), input: { type: 'text', maxLength: 200 }, schema: shape.address, testId: 'address' },
      dwellingField('resident'),
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes, testId: 'notes' },
    ],
  },
});
