/** The venue register (场所); the venue code is issued by the server and shown above the detail. */
import { Space, Tag, Typography } from 'antd';
import { venueInput, type Venue } from '@gridgov/contracts';
import { numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { phonePatch } from '../../../shared/fields/SecretPhoneField';
import { orDash, pointText } from '../../../shared/format';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { fieldOf, keyPlaceFilter, kindFilter, registerPage } from '../shared/register-page';
import { VenueCode } from './VenueCode';

interface Values extends Record<string, unknown> {
  gridId?: string;
  name: string;
  kind?: EnumValue<'venueKind'>;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  keyPlace: boolean;
  keyReason?: string;
  contactName?: string;
  contactPhone?: string;
  contactPhoneClear?: boolean;
  notes?: string;
}

const shape = venueInput.shape;
const label = fieldOf('venue');

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind ?? 'other',
    address: textOrNull(values.address),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    keyPlace: values.keyPlace,
    keyReason: values.keyPlace ? textOrNull(values.keyReason) : null,
    contactName: textOrNull(values.contactName),
    notes: textOrNull(values.notes),
  };
}

function toCreate(values: Values): RegisterInput<'venue'> {
  return { ...fields(values), contactPhone: textOrNull(values.contactPhone) };
}

function toUpdate(values: Values, record: Venue): RegisterUpdate<'venue'> {
  const phone = phonePatch(values.contactPhone, values.contactPhoneClear);
  return { version: record.version, ...fields(values), ...('value' in phone ? { contactPhone: phone.value } : {}) };
}

function initialValues(record: Venue | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', keyPlace: false };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    address: record.address ?? '',
    lon: record.lon,
    lat: record.lat,
    keyPlace: record.keyPlace,
    keyReason: record.keyReason ?? '',
    contactName: record.contactName ?? '',
    notes: record.notes ?? '',
  };
}

export const venueRegister = registerPage<'venue', Values>({
  kind: 'venue',
  slug: 'venues',
  title: 'menu.venues',
  searchPlaceholder: 'reg.search.venue',
  recordName: (venue) => venue.name,
  filters: [kindFilter('venueKind', 'field.venue.kind'), keyPlaceFilter],
  unmask: ['contactPhone'],
  map: 'points',
  Header: VenueCode,
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
    { key: 'keyPlace', label: fieldLabel(t, 'venue', 'keyPlace'), children: v.keyPlace ? `${t('record.yes')}${v.keyReason ? `（${v.keyReason}）` : ''}` : t('record.no') },
    { key: 'address', label: fieldLabel(t, 'venue', 'address'), children: orDash(v.address) },
    { key: 'point', label: t('record.point'), children: pointText(v.lon, v.lat) },
    { key: 'contact', label: fieldLabel(t, 'venue', 'contactName'), children: orDash(v.contactName) },
    {
      key: 'phone',
      label: fieldLabel(t, 'venue', 'contactPhone'),
      children: <span data-testid="venues-detail-phone">{orDash(unmasked?.contactPhone ?? v.contactPhoneMasked)}</span>,
    },
    { key: 'notes', label: fieldLabel(t, 'venue', 'notes'), children: orDash(v.notes) },
  ],
  form: {
    width: 560,
    initialValues: (record, me) => initialValues(record, me.scope.gridId ?? undefined),
    toCreate,
    toUpdate,
    fields: [
      { name: 'gridId', label: label('gridId'), input: { type: 'grid' }, required: true, requiredMessage: 'record.gridRequired', testId: 'grid' },
      { name: 'name', label: label('name'), input: { type: 'text', maxLength: 100 }, schema: shape.name, span: 14, testId: 'name' },
      { name: 'kind', label: label('kind'), input: { type: 'select', options: (t) => enumOptions(t, 'venueKind') }, schema: shape.kind, span: 10, testId: 'kind' },
      { name: 'address', label: label('address'), input: { type: 'text', maxLength: 200 }, schema: shape.address, testId: 'address' },
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: shape.lon, latSchema: shape.lat } },
      { name: 'keyPlace', label: label('keyPlace'), input: { type: 'switch' }, span: 8, testId: 'key' },
      {
        name: 'keyReason',
        label: label('keyReason'),
        input: { type: 'text', maxLength: 200 },
        schema: shape.keyReason,
        visible: ({ values }) => values.keyPlace === true,
        span: 16,
        testId: 'key-reason',
      },
      { name: 'contactName', label: label('contactName'), input: { type: 'text', maxLength: 50 }, schema: shape.contactName, span: 12, testId: 'contact' },
      {
        name: 'contactPhone',
        label: label('contactPhone'),
        input: { type: 'secretPhone', masked: (record) => record?.contactPhoneMasked },
        schema: shape.contactPhone,
        span: 12,
        testId: 'contact-phone',
      },
      { name: 'notes', label: label('notes'), input: { type: 'textarea', rows: 2, maxLength: 500 }, schema: shape.notes },
    ],
  },
});
