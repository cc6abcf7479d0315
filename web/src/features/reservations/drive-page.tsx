/** The reservation drives page: a config of the shared record page, with the steps, points, pickup desk and reservations in the detail. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { SUPPLY_DRIVE_STATUSES, supplyDriveInput, type SupplyDrive, type SupplyDriveStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { WindowPicker, windowText } from '../../shared/fields/WindowPicker';
import { DrivePoints, DriveReservations, DriveSteps, PickupDesk } from './DriveParts';
import { PointsEditor } from './PointsEditor';
import { reservationKeys, reservationsApi, type DriveValues } from './reservations-api';

const STATUS_COLOURS: Record<SupplyDriveStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', ended: 'success', cancelled: 'error' };
const statusTag = (t: Translate, s: SupplyDriveStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`reservation.status.${s}`)}</Tag>;
const statusOptions = (t: Translate) => SUPPLY_DRIVE_STATUSES.map((s) => ({ value: s, label: t(`reservation.status.${s}`) }));
const shape = supplyDriveInput.shape;


export const drivePage: RecordPageConfig<SupplyDrive, DriveValues> = {
  slug: 'reservations',
  title: 'menu.reservations',
  noun: (t) => t('reservation.noun'),
  recordName: (d) => `${d.itemName} · ${d.regionName}`,
  source: {
    key: reservationKeys.all,
    list: (query, paging, signal) => reservationsApi.list({ ...query, ...paging }, signal),
    get: (id, signal) => reservationsApi.get(id, signal),
    conflictCode: 'SUPPLY_DRIVE_VERSION_CONFLICT',
  },
  permissions: { create: 'reservation:manage', update: 'reservation:manage' },
  columns: ({ t, locale }) => [
    { key: 'item', title: t('reservation.field.item'), dataIndex: 'itemName' },
    { key: 'region', title: t('reservation.field.region'), dataIndex: 'regionName' },
    { key: 'status', title: t('reservation.field.status'), dataIndex: 'status', render: (s: SupplyDriveStatus) => statusTag(t, s) },
    { key: 'reserveWindow', title: t('reservation.field.reserveWindow'), render: (_: unknown, d: SupplyDrive) => windowText(d.opensAt, d.closesAt, locale) },
    { key: 'reserved', title: t('reservation.field.reservedOfStock'), render: (_: unknown, d: SupplyDrive) => `${d.totals.reserved} / ${d.totals.stock}` },
    { key: 'pickedUp', title: t('reservation.point.pickedUp'), render: (_: unknown, d: SupplyDrive) => d.totals.pickedUp },
  ],
  filters: [{ type: 'select', name: 'status', label: 'reservation.field.status', options: statusOptions }],
  detail: {
    width: 880,
    Header: DriveSteps,
    sections: [
      {
        key: 'fields',
        fields: (d, { t, locale }) => [
          { key: 'status', label: t('reservation.field.status'), children: statusTag(t, d.status) },
          { key: 'region', label: t('reservation.field.region'), children: d.regionName },
          { key: 'item', label: t('reservation.field.item'), children: `${d.itemName}（${t('reservation.field.perPersonValue', { n: d.perPerson, unit: d.unit })}）` },
          { key: 'totals', label: t('reservation.field.reservedOfStock'), children: `${d.totals.reserved} / ${d.totals.stock}` },
          { key: 'reserveWindow', label: t('reservation.field.reserveWindow'), children: windowText(d.opensAt, d.closesAt, locale) },
          { key: 'pickupWindow', label: t('reservation.field.pickupWindow'), children: windowText(d.pickupFrom, d.pickupUntil, locale) },
          { key: 'pickedUp', label: t('reservation.point.pickedUp'), children: d.totals.pickedUp },
          { key: 'released', label: t('reservation.field.released'), children: d.totals.released },
        ],
      },
      { key: 'points', title: 'reservation.section.points', Component: DrivePoints },
      { key: 'pickup', title: 'reservation.section.pickup', needs: 'reservation:pickup', Component: PickupDesk },
      { key: 'reservations', tab: 'reservation.section.reservations', Component: DriveReservations },
    ],
  },
  form: {
    width: 920,
    fields: [
      { name: 'regionCode', label: 'reservation.field.region', input: { type: 'custom', render: ({ testId }) => <RegionCodeInput data-testid={testId} /> }, schema: shape.regionCode, testId: 'region' },
      { name: 'itemName', label: 'reservation.field.item', input: { type: 'text', maxLength: 40 }, schema: shape.itemName, span: 12, testId: 'item' },
      { name: 'unit', label: 'reservation.field.unit', input: { type: 'text', maxLength: 10 }, schema: shape.unit, span: 6, testId: 'unit' },
      { name: 'perPerson', label: 'reservation.field.perPerson', input: { type: 'number', min: 1, max: 100 }, schema: shape.perPerson, span: 6, testId: 'per-person' },
      { name: 'reserveWindow', label: 'reservation.field.reserveWindow', input: { type: 'custom', render: ({ testId }) => <WindowPicker data-testid={testId} /> }, required: true, requiredMessage: 'reservation.windowNeeded', span: 12, testId: 'reserve-window' },
      { name: 'pickupWindow', label: 'reservation.field.pickupWindow', input: { type: 'custom', render: ({ testId }) => <WindowPicker data-testid={testId} /> }, required: true, requiredMessage: 'reservation.windowNeeded', span: 12, testId: 'pickup-window' },
      { name: 'points', label: 'reservation.section.points', input: { type: 'custom', render: ({ testId, values }) => <PointsEditor data-testid={testId} regionCode={values.regionCode ?? ''} /> }, required: true, requiredMessage: 'reservation.pointsNeeded', testId: 'points' },
    ],
    editable: () => false,
    initialValues: (_d, { me }) => {
      const hour = dayjs().add(1, 'hour').startOf('hour');
      return {
        regionCode: me.scope.regionCode, itemName: '一次性医用口罩', unit: '只', perPerson: 5,
        reserveWindow: [hour.toISOString(), hour.add(1, 'day').toISOString()], pickupWindow: [hour.add(2, 'hour').toISOString(), hour.add(3, 'day').toISOString()],
        points: [{ name: '', address: '', regionCode: me.scope.regionCode, hours: '8:00-17:00', stock: 100 }],
      };
    },
    create: (values) => reservationsApi.create(values),
  },
};
