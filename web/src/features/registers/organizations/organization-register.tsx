/** The organisation register (单位). */
import { Tag, Typography } from 'antd';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import { pointText } from '../../../shared/point-text';
import type { RegisterConfig } from '../shared/register-config';
import { OrganizationEmployees } from './OrganizationEmployees';
import { OrganizationForm } from './OrganizationForm';

export const organizationRegister: RegisterConfig<'organization'> = {
  kind: 'organization',
  slug: 'organizations',
  title: 'menu.organizations',
  searchPlaceholder: 'reg.search.organization',
  recordName: (organization) => organization.name,
  filters: { kind: { enum: 'organizationKind', label: 'field.organization.kind' } },
  unmask: ['contactPhone'],
  map: 'points',
  Form: OrganizationForm,
  DetailExtra: OrganizationEmployees,
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
    { key: 'point', label: t('reg.point'), children: pointText(o.lon, o.lat) },
    { key: 'notes', label: fieldLabel(t, 'organization', 'notes'), children: orDash(o.notes) },
  ],
};
