/** The household register (户). */
import { Tag, Typography } from 'antd';
import type { Household } from '@gridgov/contracts';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import type { RegisterConfig } from '../shared/register-config';
import { HouseholdForm } from './HouseholdForm';
import { HouseholdMembers } from './HouseholdMembers';

function headOf(household: Household): string {
  return household.members.find((member) => member.relation === 'head')?.name ?? '—';
}

export const householdRegister: RegisterConfig<'household'> = {
  kind: 'household',
  slug: 'households',
  title: 'menu.households',
  searchPlaceholder: 'reg.search.household',
  recordName: (household) => household.number,
  filters: { kind: { enum: 'householdKind', label: 'field.household.kind' } },
  unmask: [],
  map: null,
  Form: HouseholdForm,
  DetailExtra: HouseholdMembers,
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
};
