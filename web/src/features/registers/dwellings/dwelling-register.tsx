/** The dwelling register (房屋). */
import { Tag, Typography } from 'antd';
import type { Dwelling } from '@gridgov/contracts';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import type { RegisterConfig } from '../shared/register-config';
import { DwellingForm } from './DwellingForm';

const USE_COLOR: Record<Dwelling['use'], string> = { owner_occupied: 'green', rented: 'orange', vacant: 'default', business: 'purple', other: 'default' };

export const dwellingRegister: RegisterConfig<'dwelling'> = {
  kind: 'dwelling',
  slug: 'dwellings',
  title: 'menu.dwellings',
  searchPlaceholder: 'reg.search.dwelling',
  recordName: (dwelling) => dwelling.label,
  filters: { kind: { enum: 'dwellingUse', label: 'reg.filter.use' }, building: true },
  unmask: [],
  map: null,
  Form: DwellingForm,
  columns: ({ t }) => [
    { key: 'label', title: fieldLabel(t, 'dwelling', 'label'), dataIndex: 'label', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { key: 'building', title: fieldLabel(t, 'dwelling', 'buildingId'), dataIndex: 'buildingName' },
    { key: 'unit', title: fieldLabel(t, 'dwelling', 'unit'), dataIndex: 'unit', render: (value: string | null) => orDash(value) },
    { key: 'floor', title: fieldLabel(t, 'dwelling', 'floor'), dataIndex: 'floor', align: 'right', render: (value: number | null) => orDash(value) },
    { key: 'room', title: fieldLabel(t, 'dwelling', 'room'), dataIndex: 'room' },
    { key: 'area', title: fieldLabel(t, 'dwelling', 'area'), dataIndex: 'area', align: 'right', render: (value: number | null) => orDash(value) },
    { key: 'use', title: fieldLabel(t, 'dwelling', 'use'), dataIndex: 'use', render: (use: Dwelling['use']) => <Tag color={USE_COLOR[use]}>{enumLabel(t, 'dwellingUse', use)}</Tag> },
  ],
  describe: (d, { t }) => [
    { key: 'label', label: fieldLabel(t, 'dwelling', 'label'), children: d.label },
    { key: 'building', label: fieldLabel(t, 'dwelling', 'buildingId'), children: d.buildingName },
    { key: 'unit', label: fieldLabel(t, 'dwelling', 'unit'), children: orDash(d.unit) },
    { key: 'floor', label: fieldLabel(t, 'dwelling', 'floor'), children: orDash(d.floor) },
    { key: 'room', label: fieldLabel(t, 'dwelling', 'room'), children: d.room },
    { key: 'area', label: fieldLabel(t, 'dwelling', 'area'), children: orDash(d.area) },
    { key: 'use', label: fieldLabel(t, 'dwelling', 'use'), children: enumLabel(t, 'dwellingUse', d.use) },
    { key: 'notes', label: fieldLabel(t, 'dwelling', 'notes'), children: orDash(d.notes) },
  ],
};
