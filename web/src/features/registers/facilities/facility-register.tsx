/** The facility register (部件): an asset with a code, a location and a status. */
import { Tag, Typography } from 'antd';
import { facilityInput, type Facility } from '@gridgov/contracts';
import { textOrNull } from '../../../shared/fields/contract-rules';
import { orDash, pointText } from '../../../shared/format';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { fieldOf, kindFilter, registerPage, statusFilter } from '../shared/register-page';

export const STATUS_TAG: Record<Facility['status'], string> = { normal: 'green', damaged: 'orange', missing: 'red', offline: 'default' };

interface Values extends Record<string, unknown> {
  gridId?: string;
  kind?: EnumValue<'facilityKind'>;
  code: string;
  name?: string;
  lon?: number | null;
  lat?: number | null;
  status: EnumValue<'facilityStatus'>;
  department?: string;
  notes?: string;
}

const shape = facilityInput.shape;
const label = fieldOf('facility');

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    kind: values.kind ?? 'other',
    code: values.code.trim(),
    name: textOrNull(values.name),
    lon: values.lon ?? 0,
    lat: values.lat ?? 0,
    status: values.status,
    department: textOrNull(values.department),
    notes: textOrNull(values.notes),
  };
}

function initialValues(record: Facility | null, gridId: string | undefined): Values {
  if (!record) return { gridId, code: '', status: 'normal' };
  return {
    gridId: record.gridId,
    kind: record.kind,
    code: record.code,
    name: record.name ?? '',
    lon: record.lon,
    lat: record.lat,
    status: record.status,
    department: record.department ?? '',
    notes: record.notes ?? '',
  };
}

export const facilityRegister = registerPage<'facility', Values>({
  kind: 'facility',
  slug: 'facilities',
  title: 'menu.facilities',
  searchPlaceholder: 'reg.search.facility',
  recordName: (facility) => facility.name ?? facility.code,
  filters: [kindFilter('facilityKind', 'field.facility.kind'), statusFilter('facilityStatus')],
  unmask: [],
  map: 'points',
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
    { key: 'point', label: t('record.point'), children: pointText(f.lon, f.lat) },
    { key: 'department', label: fieldLabel(t, 'facility', 'department'), children: orDash(f.department) },
    { key: 'notes', label: fieldLabel(t, 'facility', 'notes'), children: orDash(f.notes) },
  ],
  form: {
    width: 560,
    initialValues: (record, me) => initialValues(record, me.scope.gridId ?? undefined),
    toCreate: fields,
    toUpdate: (values, record) => ({ version: record.version, ...fields(values) }),
    fields: [
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', testId: 'grid' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'facilityKind') }, schema: shape.kind, span: 12, testId: 'kind' },
      { name: 'code', label: label('code'), input: { type: 'text', maxLength: 40 }, schema: shape.code, span: 12, testId: 'code' },
      { name: 'name', label: label('name'), input: { type: 'text', maxLength: 100 }, schema: shape.name, span: 12, testId: 'name' },
      { name: 'status', label: label('status'), input: { type: 'select', options: (t) => enumOptions(t, 'facilityStatus') }, required: true, span: 12, testId: 'status' },
      // Required: the contract's longitude and latitude are not optional for a facility.
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: shape.lon, latSchema: shape.lat } },
      { name: 'department', label: label('department'), input: { type: 'text', maxLength: 100 }, schema: shape.department, testId: 'department' },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
