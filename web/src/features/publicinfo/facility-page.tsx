/** The health-facility directory (医院信息): a plain create/edit page with opening hours per weekday and "open now". */
import { Tag } from 'antd';
import { HEALTH_FACILITY_KINDS, WEEKDAYS, healthFacilityInput, type HealthFacility, type HealthFacilityKind } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { facilityBody, facilityKeys, hoursToValues, publicinfoApi, type FacilityValues } from './publicinfo-api';

const shape = healthFacilityInput.shape;
export const kindOptions = (t: Translate) => HEALTH_FACILITY_KINDS.map((k) => ({ value: k, label: t(`publicinfo.kind.${k}`) }));
export const openTag = (t: Translate, open: boolean) => <Tag color={open ? 'green' : 'default'}>{t(open ? 'publicinfo.facility.openNow' : 'publicinfo.facility.closedNow')}</Tag>;

export const facilityPage: RecordPageConfig<HealthFacility, FacilityValues> = {
  slug: 'health-facilities',
  title: 'menu.healthFacilities',
  noun: (t) => t('publicinfo.facility.noun'),
  recordName: (f) => f.name,
  source: {
    key: facilityKeys.all,
    list: (query, paging, signal) => publicinfoApi.facilities({ ...query, ...paging }, signal),
    get: (id, signal) => publicinfoApi.facility(id, signal),
    conflictCode: 'HEALTH_FACILITY_VERSION_CONFLICT',
  },
  permissions: { create: 'publicinfo:manage', update: 'publicinfo:manage' },
  columns: ({ t }) => [
    { key: 'name', title: t('publicinfo.facility.field.name'), dataIndex: 'name', ellipsis: true },
    { key: 'kind', title: t('publicinfo.facility.field.kind'), dataIndex: 'kind', render: (k: HealthFacilityKind) => t(`publicinfo.kind.${k}`) },
    { key: 'region', title: t('publicinfo.field.region'), dataIndex: 'regionName' },
    { key: 'phone', title: t('publicinfo.facility.field.phone'), dataIndex: 'phone' },
    { key: 'openNow', title: t('publicinfo.facility.field.openNow'), dataIndex: 'openNow', render: (o: boolean) => openTag(t, o) },
  ],
  filters: [
    { type: 'text', name: 'q', label: 'publicinfo.facility.search', maxLength: 50 },
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'select', name: 'kind', label: 'publicinfo.facility.field.kind', options: kindOptions },
  ],
  detail: {
    sections: [
      {
        key: 'fields',
        fields: (f, { t }) => [
          { key: 'kind', label: t('publicinfo.facility.field.kind'), children: t(`publicinfo.kind.${f.kind}`) },
          { key: 'openNow', label: t('publicinfo.facility.field.openNow'), children: openTag(t, f.openNow) },
          { key: 'region', label: t('publicinfo.field.region'), children: f.regionName },
          { key: 'phone', label: t('publicinfo.facility.field.phone'), children: f.phone },
          { key: 'address', label: t('publicinfo.facility.field.address'), span: 2, children: f.address },
          { key: 'hours', label: t('publicinfo.facility.field.hours'), span: 2, children: WEEKDAYS.map((d) => `${t(`publicinfo.weekday.${d}`)} ${(f.hours[d] ?? []).join(', ') || t('publicinfo.facility.closed')}`).join('；') },
          { key: 'services', label: t('publicinfo.facility.field.services'), span: 2, children: f.services || '—' },
        ],
      },
    ],
  },
  form: {
    fields: [
      { name: 'regionCode', label: 'publicinfo.field.region', input: { type: 'custom', render: ({ testId }) => <RegionCodeInput data-testid={testId} /> }, schema: shape.regionCode, visible: ({ record }) => record === null, testId: 'region' },
      { name: 'name', label: 'publicinfo.facility.field.name', input: { type: 'text', maxLength: 100 }, schema: shape.name, span: 12, testId: 'name' },
      { name: 'kind', label: 'publicinfo.facility.field.kind', input: { type: 'select', options: kindOptions }, required: true, span: 12, testId: 'kind' },
      { name: 'address', label: 'publicinfo.facility.field.address', input: { type: 'text', maxLength: 200 }, schema: shape.address, span: 12, testId: 'address' },
      { name: 'phone', label: 'publicinfo.facility.field.phone', input: { type: 'text', maxLength: 20 }, schema: shape.phone, span: 12, testId: 'phone' },
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: shape.lon, latSchema: shape.lat } },
      ...WEEKDAYS.map((d) => ({ name: `hours_${d}` as const, label: (t: Translate) => `${t('publicinfo.facility.field.hours')} · ${t(`publicinfo.weekday.${d}`)}`, input: { type: 'text' as const, maxLength: 60, placeholder: '08:00-12:00, 14:00-17:30' }, required: false, span: 12, testId: `hours-${d}` })),
      { name: 'services', label: 'publicinfo.facility.field.services', input: { type: 'textarea', rows: 3, maxLength: 1000 }, required: false, testId: 'services' },
    ],
    initialValues: (f, { me }) =>
      f
        ? { regionCode: f.regionCode, name: f.name, kind: f.kind, address: f.address, lon: f.lon, lat: f.lat, phone: f.phone, services: f.services, ...hoursToValues(f.hours) }
        : { regionCode: me.scope.regionCode, name: '', kind: 'fever_clinic', address: '', lon: 0, lat: 0, phone: '', services: '', ...hoursToValues(null) },
    create: (values) => publicinfoApi.createFacility(values),
    update: (values, f) => publicinfoApi.updateFacility(f.id, { version: f.version, ...facilityBody(values) }),
  },
};
