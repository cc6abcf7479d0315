/** The building register (楼栋). */
import { Tag, Typography } from 'antd';
import { navigate } from '../../../app/router';
import { pathWithQuery } from '../../../app/routes';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import { pointText } from '../../../shared/point-text';
import type { RegisterConfig } from '../shared/register-config';
import { BuildingForm } from './BuildingForm';

export const buildingRegister: RegisterConfig<'building'> = {
  kind: 'building',
  slug: 'buildings',
  title: 'menu.buildings',
  searchPlaceholder: 'reg.search.building',
  recordName: (building) => building.name,
  filters: { kind: { enum: 'buildingKind', label: 'field.building.kind' } },
  unmask: [],
  map: 'points',
  Form: BuildingForm,
  columns: ({ t }) => [
    { key: 'name', title: fieldLabel(t, 'building', 'name'), dataIndex: 'name', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { key: 'kind', title: fieldLabel(t, 'building', 'kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{enumLabel(t, 'buildingKind', kind)}</Tag> },
    { key: 'floors', title: fieldLabel(t, 'building', 'floors'), dataIndex: 'floors', align: 'right', render: (value: number | null) => orDash(value) },
    { key: 'units', title: fieldLabel(t, 'building', 'units'), dataIndex: 'units', align: 'right', render: (value: number | null) => orDash(value) },
    { key: 'dwellings', title: fieldLabel(t, 'building', 'dwellingCount'), dataIndex: 'dwellingCount', align: 'right' },
    { key: 'address', title: fieldLabel(t, 'building', 'address'), dataIndex: 'address', ellipsis: true, render: (value: string | null) => orDash(value) },
  ],
  describe: (b, { t }) => [
    { key: 'name', label: fieldLabel(t, 'building', 'name'), children: b.name },
    { key: 'kind', label: fieldLabel(t, 'building', 'kind'), children: enumLabel(t, 'buildingKind', b.kind) },
    { key: 'address', label: fieldLabel(t, 'building', 'address'), children: orDash(b.address) },
    { key: 'floors', label: `${fieldLabel(t, 'building', 'floors')} / ${fieldLabel(t, 'building', 'units')}`, children: `${orDash(b.floors)} / ${orDash(b.units)}` },
    {
      key: 'dwellings',
      label: fieldLabel(t, 'building', 'dwellingCount'),
      children: (
        <Typography.Link onClick={() => navigate(pathWithQuery('/registers/dwellings', { building: b.id }))}>{b.dwellingCount}</Typography.Link>
      ),
    },
    { key: 'point', label: t('reg.point'), children: pointText(b.lon, b.lat) },
    { key: 'notes', label: fieldLabel(t, 'building', 'notes'), children: orDash(b.notes) },
  ],
};
