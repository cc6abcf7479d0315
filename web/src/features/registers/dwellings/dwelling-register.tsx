/** The dwelling register (房屋): a room of a building, which also fixes its grid. */
import { Tag, Typography } from 'antd';
import { dwellingInput, type Dwelling } from '@gridgov/contracts';
import { numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import { orDash } from '../../../shared/format';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { buildingFilter, fieldOf, kindFilter, registerPage } from '../shared/register-page';

const USE_COLOR: Record<Dwelling['use'], string> = { owner_occupied: 'green', rented: 'orange', vacant: 'default', business: 'purple', other: 'default' };

interface Values extends Record<string, unknown> {
  buildingId?: string | null;
  unit?: string;
  floor?: number | null;
  room: string;
  area?: number | null;
  use: EnumValue<'dwellingUse'>;
  notes?: string;
}

const shape = dwellingInput.shape;
const label = fieldOf('dwelling');

function fields(values: Values) {
  return {
    buildingId: values.buildingId ?? '',
    unit: textOrNull(values.unit),
    floor: numberOrNull(values.floor),
    room: values.room.trim(),
    area: numberOrNull(values.area),
    use: values.use,
    notes: textOrNull(values.notes),
  };
}

export const dwellingRegister = registerPage<'dwelling', Values>({
  kind: 'dwelling',
  slug: 'dwellings',
  title: 'menu.dwellings',
  searchPlaceholder: 'reg.search.dwelling',
  recordName: (dwelling) => dwelling.label,
  filters: [kindFilter('dwellingUse', 'reg.filter.use'), buildingFilter],
  unmask: [],
  map: null,
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
  form: {
    width: 520,
    initialValues: (record): Values =>
      record
        ? {
            buildingId: record.buildingId,
            unit: record.unit ?? '',
            floor: record.floor,
            room: record.room,
            area: record.area,
            use: record.use,
            notes: record.notes ?? '',
          }
        : { buildingId: null, room: '', use: 'owner_occupied' },
    toCreate: fields,
    toUpdate: (values, record) => ({ version: record.version, ...fields(values) }),
    fields: [
      {
        name: 'buildingId',
        label: label('buildingId'),
        input: {
          type: 'custom',
          render: ({ t, record, testId }) => (
            <RecordSelect
              kind="building"
              valueLabel={record?.buildingName}
              describe={(building) => `${building.name}${building.address ? `（${building.address}）` : ''} · ${building.gridName}`}
              placeholder={t('dwelling.pickBuilding')}
              data-testid={testId}
            />
          ),
        },
        // The contract takes any text here; the form asks for a building.
        required: true,
        testId: 'building',
      },
      { name: 'unit', label: label('unit'), input: { type: 'text', maxLength: 20, placeholder: '1' }, schema: shape.unit, span: 8, testId: 'unit' },
      { name: 'floor', label: label('floor'), input: { type: 'number', min: -10, max: 200, precision: 0 }, schema: shape.floor, span: 8, testId: 'floor' },
      { name: 'room', label: label('room'), input: { type: 'text', maxLength: 20, placeholder: '101' }, schema: shape.room, span: 8, testId: 'room' },
      { name: 'area', label: label('area'), input: { type: 'number', min: 0, max: 100000, precision: 2 }, schema: shape.area, span: 12, testId: 'area' },
      { name: 'use', label: label('use'), input: { type: 'select', options: (t) => enumOptions(t, 'dwellingUse') }, required: true, span: 12, testId: 'use' },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
