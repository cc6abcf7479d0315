/** Arrivals (人员出入境排查): a config of the shared record page, one per tab (all, matched, unmatched). */
import { ARRIVAL_STATUSES } from '@gridgov/contracts';
import { navigate } from '../../app/router';
import { pathWithQuery } from '../../app/routes';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import type { Translate } from '../../i18n/i18n';
import { arrivalKeys, arrivalsApi, type ArrivalRecord } from './arrivals-api';

export type ArrivalTab = 'all' | 'matched' | 'unmatched';

const trip = (t: Translate, a: ArrivalRecord) =>
  [enumLabel(t, 'transportMode', a.transportMode), a.transportNumber, a.carriage && t('arrival.carriageOf', { carriage: a.carriage }), a.seat].filter(Boolean).join(' · ');

export function arrivalPage(tab: ArrivalTab): RecordPageConfig<ArrivalRecord, Record<string, unknown>> {
  const matched = tab === 'all' ? undefined : String(tab === 'matched');
  return {
    slug: 'arrivals',
    title: 'menu.arrivals',
    noun: (t) => t('arrival.noun'),
    recordName: (a) => a.name,
    source: {
      key: arrivalKeys.all,
      list: (query, paging, signal) => arrivalsApi.list({ ...query, matched, ...paging }, signal) as never,
      get: (id, signal) => arrivalsApi.get(id, signal),
    },
    permissions: {},
    columns: ({ t, locale }) => [
      { key: 'arrivedAt', title: t('arrival.field.arrivedAt'), dataIndex: 'arrivedAt', render: (v: string) => formatDateTime(v, locale) },
      { key: 'name', title: t('arrival.field.name'), dataIndex: 'name' },
      { key: 'id', title: t('arrival.field.idNumber'), dataIndex: 'idNumberMasked', responsive: ['md'] },
      { key: 'trip', title: t('arrival.field.trip'), dataIndex: 'transportMode', render: (_: string, a: ArrivalRecord) => trip(t, a) },
      { key: 'origin', title: t('arrival.field.origin'), dataIndex: 'origin', responsive: ['lg'], render: (v: string | null) => orDash(v) },
      { key: 'place', title: t('arrival.field.place'), dataIndex: 'gridName', render: (g: string | null, a: ArrivalRecord) => (a.matched ? `${a.regionName}${g ? ` · ${g}` : ''}` : t('arrival.unmatched')) },
      { key: 'status', title: t('arrival.field.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'arrivalStatus', s) },
    ],
    filters: [
      { type: 'select', name: 'status', label: 'arrival.field.status', fromUrl: 'status', options: (t) => ARRIVAL_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'arrivalStatus', s) })) },
      { type: 'text', name: 'from', label: 'arrival.filter.from', placeholder: 'arrival.filter.datePlaceholder', maxLength: 10 },
      { type: 'text', name: 'to', label: 'arrival.filter.to', placeholder: 'arrival.filter.datePlaceholder', maxLength: 10 },
    ],
    toolbar: [{ key: 'import', label: 'arrival.import', needs: 'arrival:import', run: () => navigate(pathWithQuery('/registers/imports', { register: 'arrival' })) }],
    rowActions: [
      {
        key: 'check',
        label: 'arrival.check',
        needs: 'arrival:check',
        when: (a) => a.status === 'pending',
        confirm: { title: 'arrival.checkConfirm' },
        inDetail: true,
        run: async (a, ctx) => {
          await arrivalsApi.check(a.id);
          await ctx.refresh();
        },
      },
    ],
    detail: {
      width: 720,
      sections: [
        {
          key: 'fields',
          fields: (a, { t, locale }) => [
            { key: 'name', label: t('arrival.field.name'), children: a.name },
            { key: 'id', label: t('arrival.field.idNumber'), children: `${enumLabel(t, 'idType', a.idType)} ${a.idNumberMasked}` },
            { key: 'phone', label: t('arrival.field.phone'), children: orDash(a.phoneMasked) },
            { key: 'trip', label: t('arrival.field.trip'), children: trip(t, a) },
            { key: 'origin', label: t('arrival.field.origin'), children: orDash(a.origin) },
            { key: 'arrivedAt', label: t('arrival.field.arrivedAt'), children: formatDateTime(a.arrivedAt, locale) },
            { key: 'checkpoint', label: t('arrival.field.checkpoint'), children: orDash(a.checkpoint) },
            { key: 'place', label: t('arrival.field.place'), children: a.matched ? `${a.regionName}${a.gridName ? ` · ${a.gridName}` : ''}` : `${t('arrival.unmatched')}（${a.regionName}）` },
            { key: 'status', label: t('arrival.field.status'), children: enumLabel(t, 'arrivalStatus', a.status) },
            { key: 'checked', label: t('arrival.field.checked'), children: a.checkedAt ? `${formatDateTime(a.checkedAt, locale)} ${a.checkedByName ?? ''}${a.checkNote ? `：${a.checkNote}` : ''}` : '—' },
          ],
        },
      ],
    },
  };
}
