/** The resident register (人口): list columns, detail fields and the form. */
import { Space, Tag, Typography } from 'antd';
import type { Resident } from '@gridgov/contracts';
import { navigate } from '../../../app/router';
import { pathWithQuery } from '../../../app/routes';
import { ageOf, enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import type { RegisterConfig } from '../shared/register-config';
import type { Translate } from '../../../i18n/i18n';
import { ResidentForm } from './ResidentForm';

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
  const age = ageOf(resident.birthDate);
  return [enumLabel(t, 'sex', resident.sex), age === null ? null : t('reg.age', { n: age })].filter(Boolean).join(' · ');
}

export const residentRegister: RegisterConfig<'resident'> = {
  kind: 'resident',
  slug: 'residents',
  title: 'menu.residents',
  searchPlaceholder: 'reg.search.resident',
  recordName: (resident) => resident.name,
  filters: { kind: { enum: 'residentKind', label: 'field.resident.kind' }, tag: true, identity: true },
  unmask: ['idNumber', 'phone'],
  map: 'choropleth',
  Form: ResidentForm,
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
    const label = (field: string) => fieldLabel(t, 'resident', field);
    return [
      { key: 'name', label: label('name'), children: <span data-testid="residents-detail-name">{r.name}</span> },
      { key: 'idType', label: label('idType'), children: enumLabel(t, 'idType', r.idType) },
      {
        key: 'idNumber',
        label: label('idNumber'),
        children: (
          <Typography.Text code data-testid="residents-detail-id">
            {unmasked?.idNumber ?? r.idNumberMasked}
          </Typography.Text>
        ),
      },
      {
        key: 'phone',
        label: label('phone'),
        children: <span data-testid="residents-detail-phone">{orDash(unmasked?.phone ?? r.phoneMasked)}</span>,
      },
      { key: 'sex', label: `${label('sex')} / ${label('birthDate')}`, children: [sexAndAge(t, r), r.birthDate].filter(Boolean).join(' · ') || '—' },
      { key: 'kind', label: label('kind'), children: enumLabel(t, 'residentKind', r.kind) },
      { key: 'tags', label: label('tags'), children: tags(t, r.tags) },
      { key: 'nationality', label: `${label('nationality')} / ${label('ethnicity')}`, children: [r.nationality, r.ethnicity].filter(Boolean).join(' · ') || '—' },
      { key: 'registeredAddress', label: label('registeredAddress'), children: orDash(r.registeredAddress) },
      { key: 'address', label: label('address'), children: <span data-testid="residents-detail-address">{orDash(r.address)}</span> },
      { key: 'dwelling', label: label('dwellingId'), children: orDash(r.dwellingLabel) },
      {
        key: 'household',
        label: label('householdId'),
        children: r.householdId ? (
          <Typography.Link onClick={() => navigate(pathWithQuery('/registers/households', { id: r.householdId ?? undefined }))}>
            {t('resident.openHousehold')}
          </Typography.Link>
        ) : (
          '—'
        ),
      },
      { key: 'notes', label: label('notes'), children: orDash(r.notes) },
    ];
  },
};
