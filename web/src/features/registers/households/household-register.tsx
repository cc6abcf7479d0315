/** The household register (户): number unique in its grid, type, dwelling, address; members in the detail. */
import { Tag, Typography } from 'antd';
import { householdInput, type Household } from '@gridgov/contracts';
import { textOrNull } from '../../../shared/fields/contract-rules';
import { orDash } from '../../../shared/format';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { dwellingField, fieldOf, kindFilter, registerPage } from '../shared/register-page';
import { HouseholdMembers } from './HouseholdMembers';

function headOf(household: Household): string {
  return household.members.find((member) => member.relation === 'head')?.name ?? '—';
}

interface Values extends Record<string, unknown> {
  gridId?: string;
  number: string;
  kind: EnumValue<'householdKind'>;
  dwellingId?: string | null;
  address?: string;
  notes?: string;
}

const shape = householdInput.shape;
const label = fieldOf('household');

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    number: values.number.trim(),
    kind: values.kind,
    dwellingId: values.dwellingId ?? null,
    address: textOrNull(values.address),
    notes: textOrNull(values.notes),
  };
}

export const householdRegister = registerPage<'household', Values>({
  kind: 'household',
  slug: 'households',
  title: 'menu.households',
  searchPlaceholder: 'reg.search.household',
  recordName: (household) => household.number,
  filters: [kindFilter('householdKind', 'field.household.kind')],
  unmask: [],
  map: null,
  parts: [{ key: 'members', Component: HouseholdMembers }],
  columns: ({ t }) => [
    { key: 'number', title: fieldLabel(t, 'household', 'number'), dataIndex: 'number', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { key: 'kind', title: fieldLabel(t, 'household', 'kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{enumLabel(t, 'householdKind', kind)}</Tag> },
    { key: 'head', title: t('household.head'), render: (_value, household) => headOf(household) },
    { key: 'members', title: fieldLabel(t, 'household', 'members'), align: 'right', render: (_value, household) => household.members.length },
    { key: 'dwelling', title: fieldLabel(t, 'household', 'dwellingId'), dataIndex: 'dwellingLabel', render: (value: string | null) => orDash(value) },
    { key: 'address', title: fieldLabel(t, 'household', 'address'), dataIndex: 'address', ellipsis: true, render: (value: string | null) => orDash(value) },
  ],
  describe: (h, { t }) => [
    { key: 'number', label: fieldLabel(t, 'household', 'number'), children: h.number },
    { key: 'kind', label: fieldLabel(t, 'household', 'kind'), children: enumLabel(t, 'householdKind', h.kind) },
    { key: 'head', label: t('household.head'), children: headOf(h) },
    { key: 'dwelling', label: fieldLabel(t, 'household', 'dwellingId'), children: orDash(h.dwellingLabel) },
    { key: 'address', label: fieldLabel(t, 'household', 'address'), children: orDash(h.address) },
    { key: 'notes', label: fieldLabel(t, 'household', 'notes'), children: orDash(h.notes) },
  ],
  form: {
    width: 520,
    initialValues: (record, me): Values =>
      record
        ? { gridId: record.gridId, number: record.number, kind: record.kind, dwellingId: record.dwellingId, address: record.address ?? '', notes: record.notes ?? '' }
        : { gridId: me.scope.gridId ?? undefined, number: '', kind: 'family' },
    toCreate: fields,
    toUpdate: (values, record) => ({ version: record.version, ...fields(values) }),
    fields: [
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', testId: 'grid' },
      { name: 'number', label: label('number'), input: { type: 'text', maxLength: 40 }, schema: shape.number, span: 12, testId: 'number' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'householdKind') }, required: true, span: 12, testId: 'kind' },
      dwellingField('household'),
      { name: 'address', label: label('address'), input: { type: 'text', maxLength: 200 }, schema: shape.address, testId: 'address' },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
