/** The organisation register (单位); the credit code is checked by the server (GB 32100). Employees in the detail. */
import { Tag, Typography } from 'antd';
import { organizationInput, type Organization } from '@gridgov/contracts';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { phonePatch } from '../../../shared/fields/SecretPhoneField';
import { orDash, pointText } from '../../../shared/format';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { fieldOf, kindFilter, registerPage } from '../shared/register-page';
import { OrganizationEmployees } from './OrganizationEmployees';

interface Values extends Record<string, unknown> {
  gridId?: string;
  name: string;
  kind?: EnumValue<'organizationKind'>;
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  contactPhone?: string;
  contactPhoneClear?: boolean;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  notes?: string;
}

const shape = organizationInput.shape;
const label = fieldOf('organization');

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind ?? 'enterprise',
    creditCode: textOrNull(values.creditCode)?.toUpperCase() ?? null,
    legalRepresentative: textOrNull(values.legalRepresentative),
    contactName: textOrNull(values.contactName),
    address: textOrNull(values.address),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    notes: textOrNull(values.notes),
  };
}

function toCreate(values: Values): RegisterInput<'organization'> {
  return { ...fields(values), contactPhone: textOrNull(values.contactPhone) };
}

function toUpdate(values: Values, record: Organization): RegisterUpdate<'organization'> {
  const phone = phonePatch(values.contactPhone, values.contactPhoneClear);
  return { version: record.version, ...fields(values), ...('value' in phone ? { contactPhone: phone.value } : {}) };
}

function initialValues(record: Organization | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '' };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    creditCode: record.creditCode ?? '',
    legalRepresentative: record.legalRepresentative ?? '',
    contactName: record.contactName ?? '',
    address: record.address ?? '',
    lon: record.lon,
    lat: record.lat,
    notes: record.notes ?? '',
  };
}

export const organizationRegister = registerPage<'organization', Values>({
  kind: 'organization',
  slug: 'organizations',
  title: 'menu.organizations',
  searchPlaceholder: 'reg.search.organization',
  recordName: (organization) => organization.name,
  filters: [kindFilter('organizationKind', 'field.organization.kind')],
  unmask: ['contactPhone'],
  map: 'points',
  parts: [{ key: 'employees', Component: OrganizationEmployees }],
  columns: ({ t }) => [
    { key: 'name', title: fieldLabel(t, 'organization', 'name'), dataIndex: 'name', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { key: 'kind', title: fieldLabel(t, 'organization', 'kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{enumLabel(t, 'organizationKind', kind)}</Tag> },
    { key: 'credit', title: fieldLabel(t, 'organization', 'creditCode'), dataIndex: 'creditCode', render: (value: string | null) => (value ? <Typography.Text code>{value}</Typography.Text> : '—') },
    { key: 'legal', title: fieldLabel(t, 'organization', 'legalRepresentative'), dataIndex: 'legalRepresentative', render: (value: string | null) => orDash(value) },
    { key: 'contact', title: fieldLabel(t, 'organization', 'contactName'), dataIndex: 'contactName', render: (value: string | null) => orDash(value) },
    { key: 'phone', title: fieldLabel(t, 'organization', 'contactPhone'), dataIndex: 'contactPhoneMasked', render: (value: string | null) => orDash(value) },
    { key: 'employees', title: fieldLabel(t, 'organization', 'employees'), align: 'right', render: (_value, organization) => organization.employees.length },
  ],
  describe: (o, { t, unmasked }) => [
    { key: 'name', label: fieldLabel(t, 'organization', 'name'), children: o.name },
    { key: 'kind', label: fieldLabel(t, 'organization', 'kind'), children: enumLabel(t, 'organizationKind', o.kind) },
    { key: 'credit', label: fieldLabel(t, 'organization', 'creditCode'), children: orDash(o.creditCode) },
    { key: 'legal', label: fieldLabel(t, 'organization', 'legalRepresentative'), children: orDash(o.legalRepresentative) },
    { key: 'contact', label: fieldLabel(t, 'organization', 'contactName'), children: orDash(o.contactName) },
    {
      key: 'phone',
      label: fieldLabel(t, 'organization', 'contactPhone'),
      children: <span data-testid="organizations-detail-phone">{orDash(unmasked?.contactPhone ?? o.contactPhoneMasked)}</span>,
    },
    { key: 'address', label: fieldLabel(t, 'organization', 'address'), children: orDash(o.address) },
    { key: 'point', label: t('record.point'), children: pointText(o.lon, o.lat) },
    { key: 'notes', label: fieldLabel(t, 'organization', 'notes'), children: orDash(o.notes) },
  ],
  form: {
    width: 560,
    initialValues: (record, me) => initialValues(record, me.scope.gridId ?? undefined),
    toCreate,
    toUpdate,
    fields: [
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', testId: 'grid' },
      { name: 'name', label: label('name'), input: { type: 'text', maxLength: 100 }, schema: shape.name, span: 14, testId: 'name' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'organizationKind') }, schema: shape.kind, span: 10, testId: 'kind' },
      { name: 'creditCode', label: label('creditCode'), input: { type: 'text', maxLength: 18, monospace: true }, schema: shape.creditCode, span: 14, testId: 'credit' },
      { name: 'legalRepresentative', label: label('legalRepresentative'), input: { type: 'text', maxLength: 50 }, schema: shape.legalRepresentative, span: 10 },
      { name: 'contactName', label: label('contactName'), input: { type: 'text', maxLength: 50 }, schema: shape.contactName, span: 12 },
      {
        name: 'contactPhone',
        label: label('contactPhone'),
        input: { type: 'secretPhone', masked: (record) => record?.contactPhoneMasked },
        schema: shape.contactPhone,
        span: 12,
        testId: 'contact-phone',
      },
      { name: 'address', label: label('address'), input: { type: 'text', maxLength: 200 }, schema: shape.address, testId: 'address' },
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: shape.lon, latSchema: shape.lat } },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
