/** The venue register (场所). */
import { Space, Tag, Typography } from 'antd';
import { enumLabel, fieldLabel, orDash } from '../../../shared/labels';
import { pointText } from '../../../shared/point-text';
import type { RegisterConfig } from '../shared/register-config';
import { VenueCode } from './VenueCode';
import { VenueForm } from './VenueForm';

export const venueRegister: RegisterConfig<'venue'> = {
  kind: 'venue',
  slug: 'venues',
  title: 'menu.venues',
  searchPlaceholder: 'reg.search.venue',
  recordName: (venue) => venue.name,
  filters: { kind: { enum: 'venueKind', label: 'field.venue.kind' }, keyPlace: true },
  unmask: ['contactPhone'],
  map: 'points',
  Form: VenueForm,
  DetailHeader: VenueCode,
  columns: ({ t }) => [
    {
      key: 'name',
      title: fieldLabel(t, 'venue', 'name'),
      render: (_value, venue) => (
        <Space size={4}>
          <Typography.Text strong>{venue.name}</Typography.Text>
          {venue.keyPlace && <Tag color="red">{t('reg.map.keyPlace')}</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: fieldLabel(t, 'venue', 'kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{enumLabel(t, 'venueKind', kind)}</Tag> },
    { key: 'code', title: fieldLabel(t, 'venue', 'venueCode'), dataIndex: 'venueCode', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { key: 'contact', title: fieldLabel(t, 'venue', 'contactName'), dataIndex: 'contactName', render: (value: string | null) => orDash(value) },
    { key: 'phone', title: fieldLabel(t, 'venue', 'contactPhone'), dataIndex: 'contactPhoneMasked', render: (value: string | null) => orDash(value) },
    { key: 'address', title: fieldLabel(t, 'venue', 'address'), dataIndex: 'address', ellipsis: true, render: (value: string | null) => orDash(value) },
  ],
  describe: (v, { t, unmasked }) => [
    { key: 'name', label: fieldLabel(t, 'venue', 'name'), children: v.name },
    { key: 'kind', label: fieldLabel(t, 'venue', 'kind'), children: enumLabel(t, 'venueKind', v.kind) },
    { key: 'keyPlace', label: fieldLabel(t, 'venue', 'keyPlace'), children: v.keyPlace ? `${t('reg.yes')}${v.keyReason ? `（${v.keyReason}）` : ''}` : t('reg.no') },
    { key: 'address', label: fieldLabel(t, 'venue', 'address'), children: orDash(v.address) },
    { key: 'point', label: t('reg.point'), children: pointText(v.lon, v.lat) },
    { key: 'contact', label: fieldLabel(t, 'venue', 'contactName'), children: orDash(v.contactName) },
    {
      key: 'phone',
      label: fieldLabel(t, 'venue', 'contactPhone'),
      children: <span data-testid="venues-detail-phone">{orDash(unmasked?.contactPhone ?? v.contactPhoneMasked)}</span>,
    },
    { key: 'notes', label: fieldLabel(t, 'venue', 'notes'), children: orDash(v.notes) },
  ],
};
