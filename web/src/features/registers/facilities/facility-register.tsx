/** The facility register (部件). */
import { Tag, Typography } from 'antd';
import type { Facility } from '@gridgov/contracts';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import { pointText } from '../../../shared/point-text';
import type { RegisterConfig } from '../shared/register-config';
import { FacilityForm } from './FacilityForm';

export const STATUS_TAG: Record<Facility['status'], string> = { normal: 'green', damaged: 'orange', missing: 'red', offline: 'default' };

export const facilityRegister: RegisterConfig<'facility'> = {
  kind: 'facility',
  slug: 'facilities',
  title: 'menu.facilities',
  searchPlaceholder: 'reg.search.facility',
  recordName: (facility) => facility.name ?? facility.code,
  filters: { kind: { enum: 'facilityKind', label: 'field.facility.kind' }, status: 'facilityStatus' },
  unmask: [],
  map: 'points',
  Form: FacilityForm,
  columns: ({ t }) => [
    { key: 'code', title: fieldLabel(t, 'facility', 'code'), dataIndex: 'code', render: (code: string) => <Typography.Text strong>{code}</Typography.Text> },
    { key: 'name', title: fieldLabel(t, 'facility', 'name'), dataIndex: 'name', render: (value: string | null) => orDash(value) },
    { key: 'kind', title: fieldLabel(t, 'facility', 'kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{enumLabel(t, 'facilityKind', kind)}</Tag> },
    {
      key: 'status',
      title: fieldLabel(t, 'facility', 'status'),
      dataIndex: 'status',
      render: (status: Facility['status']) => <Tag color={STATUS_TAG[status]}>{enumLabel(t, 'facilityStatus', status)}</Tag>,
    },
    { key: 'department', title: fieldLabel(t, 'facility', 'department'), dataIndex: 'department', render: (value: string | null) => orDash(value) },
  ],
  describe: (f, { t }) => [
    { key: 'code', label: fieldLabel(t, 'facility', 'code'), children: f.code },
    { key: 'name', label: fieldLabel(t, 'facility', 'name'), children: orDash(f.name) },
    { key: 'kind', label: fieldLabel(t, 'facility', 'kind'), children: enumLabel(t, 'facilityKind', f.kind) },
    { key: 'status', label: fieldLabel(t, 'facility', 'status'), children: <Tag color={STATUS_TAG[f.status]}>{enumLabel(t, 'facilityStatus', f.status)}</Tag> },
    { key: 'point', label: t('reg.point'), children: pointText(f.lon, f.lat) },
    { key: 'department', label: fieldLabel(t, 'facility', 'department'), children: orDash(f.department) },
    { key: 'notes', label: fieldLabel(t, 'facility', 'notes'), children: orDash(f.notes) },
  ],
};
