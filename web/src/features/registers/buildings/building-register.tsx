/** The building register (楼栋). */
import { Tag, Typography } from 'antd';
import { buildingInput, type Building } from '@gridgov/contracts';
import { numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { orDash, pointText } from '../../../shared/format';
import { navigate } from '../../../app/router';
import { registerListPath } from '../../../shared/links/record-links';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { fieldOf, kindFilter, registerPage } from '../shared/register-page';

interface Values extends Record<string, unknown> {
  gridId?: string;
  name: string;
  kind: EnumValue<'buildingKind'>;
  address?: string;
  floors?: number | null;
  units?: number | null;
  lon?: number | null;
  lat?: number | null;
  notes?: string;
}

const shape = buildingInput.shape;
const label = fieldOf('building');

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind,
    address: textOrNull(values.address),
    floors: numberOrNull(values.floors),
    units: numberOrNull(values.units),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    notes: textOrNull(values.notes),
  };
}

function initialValues(record: Building | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', kind: 'residential' };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    address: record.address ?? '',
    floors: record.floors,
    units: record.units,
    lon: record.lon,
    lat: record.lat,
    notes: record.notes ?? '',
  };
}

export const buildingRegister = registerPage<'building', Values>({
  kind: 'building',
  slug: 'buildings',
  title: 'menu.buildings',
  searchPlaceholder: 'reg.search.building',
  recordName: (building) => building.name,
  filters: [kindFilter('buildingKind', 'field.building.kind')],
  unmask: [],
  map: 'points',
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
      children: <Typography.Link onClick={() => navigate(registerListPath('dwelling', { building: b.id }))}>{b.dwellingCount}</Typography.Link>,
    },
    { key: 'point', label: t('record.point'), children: pointText(b.lon, b.lat) },
    { key: 'notes', label: fieldLabel(t, 'building', 'notes'), children: orDash(b.notes) },
  ],
  form: {
    width: 560,
    initialValues: (record, me) => initialValues(record, me.scope.gridId ?? undefined),
    toCreate: fields,
    toUpdate: (values, record) => ({ version: record.version, ...fields(values) }),
    fields: [
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', testId: 'grid' },
      { name: 'name', label: label('name'), input: { type: 'text', maxLength: 100 }, schema: shape.name, span: 14, testId: 'name' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'buildingKind') }, required: true, span: 10, testId: 'kind' },
      { name: 'address', label: label('address'), input: { type: 'text', maxLength: 200 }, schema: shape.address, testId: 'address' },
      { name: 'floors', label: label('floors'), input: { type: 'number', min: 1, max: 200, precision: 0 }, schema: shape.floors, span: 12, testId: 'floors' },
      { name: 'units', label: label('units'), input: { type: 'number', min: 1, max: 100, precision: 0 }, schema: shape.units, span: 12, testId: 'units' },
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: shape.lon, latSchema: shape.lat } },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
