/**
 * The seven registers as configs of the shared record page: each register says its columns,
 * detail fields, form fields and own filters (`*-register.tsx`); this adds what they share —
 * the region, grid and keyword filters, the grid column, creation and change times, history,
 * the audited reveal of personal data, import and export, the map, and the register API.
 */
import type { ComponentType } from 'react';
import { lazy } from 'react';
import { unmaskRequest, type Me, type RegisterKind } from '@gridgov/contracts';
import { registerKeys } from '../../../api/keys';
import {
  registerChanged,
  registersApi,
  type RegisterInput,
  type RegisterRecord,
  type RegisterUpdate,
  type UnmaskField,
} from '../../../api/registers';
import { navigate } from '../../../app/router';
import { pathWithQuery } from '../../../app/routes';
import type { MessageKey, Translate } from '../../../i18n/i18n';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import { formatDateTime } from '../../../shared/format';
import { plainValue } from '../../../shared/record/HistoryTimeline';
import { RefName, refKindOf } from '../../../shared/record/RefName';
import type {
  ColumnSpec,
  DescriptionItems,
  DetailContext,
  DetailPartProps,
  DetailSection,
  FieldSpec,
  FilterQuery,
  FilterSpec,
  FormValues,
  ListViewProps,
  RecordPageConfig,
  ViewContext,
} from '../../../shared/record-page/types';
import { ExportModal } from './ExportModal';
import { enumLabel, enumOptions, fieldEnum, fieldLabel, registerLabel, type EnumName } from './labels';
import { heldFields, isUnmaskField, toRegisterFilters } from './register-query';

type Rec<K extends RegisterKind> = RegisterRecord<K>;

export interface RegisterSpec<K extends RegisterKind, V extends FormValues> {
  kind: K;
  /** Test ids and the URL: `residents`. */
  slug: string;
  title: MessageKey;
  searchPlaceholder: MessageKey;
  recordName: (record: Rec<K>) => string;
  /** The register's own filters, after region, grid and keyword. */
  filters?: readonly FilterSpec[];
  columns: (ctx: ViewContext) => ColumnSpec<Rec<K>>[];
  describe: (record: Rec<K>, ctx: DetailContext) => DescriptionItems;
  /** Above the detail's tabs (the venue code). */
  Header?: ComponentType<DetailPartProps<Rec<K>>>;
  /** Below the fields (household members, organisation employees). */
  parts?: readonly DetailSection<Rec<K>>[];
  /** Personal data the unmask endpoint can show in full. */
  unmask: readonly UnmaskField[];
  /** points: /api/<register>/points; choropleth: residents per grid. */
  map: 'points' | 'choropleth' | null;
  form: {
    width?: number;
    fields: readonly FieldSpec<Rec<K>, V>[];
    initialValues: (record: Rec<K> | null, me: Me) => V;
    toCreate: (values: V) => RegisterInput<K>;
    /** The patch, carrying `version: record.version`. */
    toUpdate: (values: V, record: Rec<K>) => RegisterUpdate<K>;
  };
}

/** A stored value of a register field as the history shows it: linked records by name, enums by label. */
export function registerValue(kind: RegisterKind) {
  return (t: Translate, field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '—';
    const ref = refKindOf(field);
    if (ref && typeof value === 'string') return <RefName kind={ref} id={value} />;
    const name = fieldEnum(kind, field);
    if (!name) return plainValue(t, value);
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => enumLabel(t, name, String(item))).join('、');
    return enumLabel(t, name, String(value));
  };
}

// ---------- filters the registers take ----------

/** The `kind` filter of a register (or the dwelling's use), from one of its enums. */
export function kindFilter(name: EnumName, label: MessageKey): FilterSpec {
  return { type: 'select', name: 'kind', label, testId: 'kind', options: (t) => enumOptions(t, name) };
}

export const tagFilter: FilterSpec = { type: 'select', name: 'tag', label: 'reg.filter.tag', options: (t) => enumOptions(t, 'tag') };

export function statusFilter(name: EnumName): FilterSpec {
  return { type: 'select', name: 'status', label: 'reg.filter.status', width: 120, options: (t) => enumOptions(t, name) };
}

export const keyPlaceFilter: FilterSpec = {
  type: 'select',
  name: 'keyPlace',
  label: 'reg.filter.keyPlace',
  testId: 'key',
  width: 100,
  options: (t) => [
    { value: 'true', label: t('record.yes') },
    { value: 'false', label: t('record.no') },
  ],
};

/**
 * Exact ID number and phone search: an unmask in all but name (it confirms a guess), so only for
 * those who may unmask, and each search is audited and spends one unmask.
 */
export const identityFilters: readonly FilterSpec[] = [
  { type: 'text', name: 'idNumber', label: 'reg.filter.idNumber', tooltip: 'reg.filter.exactHint', placeholder: 'reg.filter.exactPlaceholder', maxLength: 40, width: 200, testId: 'id', needs: 'register:unmask' },
  { type: 'text', name: 'phone', label: 'reg.filter.phone', tooltip: 'reg.filter.exactHint', placeholder: 'reg.filter.exactPlaceholder', maxLength: 20, width: 190, testId: 'phone', needs: 'register:unmask' },
];

/** Dwellings of one building (a building's page links here with `?building=<id>`). */
export const buildingFilter: FilterSpec = {
  type: 'custom',
  name: 'buildingId',
  label: 'reg.filter.building',
  testId: 'building',
  fromUrl: 'building',
  width: 200,
  render: ({ t, testId, width }) => (
    <RecordSelect kind="building" allowClear describe={(building) => building.name} placeholder={t('dwelling.pickBuilding')} style={{ width }} data-testid={testId} />
  ),
};

// ---------- the page ----------

// MapLibre is large: loaded only when the map is opened.
const RegisterMap = lazy(() => import('../map/RegisterMap'));

function mapView(kind: RegisterKind, mode: 'points' | 'choropleth'): ComponentType<ListViewProps> {
  return function RegisterMapView({ query, slug, open, filterList }: ListViewProps) {
    return <RegisterMap kind={kind} mode={mode} filters={toRegisterFilters(query)} slug={slug} onOpen={open} onGrid={(gridId) => filterList({ gridId })} />;
  };
}

function exportDialog(kind: RegisterKind, hasPersonalData: boolean) {
  return function RegisterExport({ query, total, onClose }: { query: FilterQuery; total: number | null; onClose: () => void }) {
    return <ExportModal kind={kind} filters={toRegisterFilters(query)} total={total} hasPersonalData={hasPersonalData} onClose={onClose} />;
  };
}

export function registerPage<K extends RegisterKind, V extends FormValues>(spec: RegisterSpec<K, V>): RecordPageConfig<Rec<K>, V> {
  const { kind, slug } = spec;
  return {
    slug,
    title: spec.title,
    noun: (t) => registerLabel(t, kind),
    recordName: spec.recordName,
    source: {
      key: registerKeys.kind(kind),
      list: (query, paging, signal) => registersApi.list(kind, { ...toRegisterFilters(query), ...paging }, signal),
      get: (id, signal) => registersApi.get(kind, id, signal),
      remove: (record) => registersApi.remove(kind, record.id),
      conflictCode: 'REGISTER_VERSION_CONFLICT',
      afterWrite: (client, change) => registerChanged(client, kind, change),
    },
    permissions: { create: 'register:write', update: 'register:write', delete: 'register:write' },
    columns: (ctx) => [...spec.columns(ctx), { key: 'grid', title: ctx.t('record.grid'), dataIndex: 'gridName', ellipsis: true }],
    filters: [
      { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
      { type: 'grid', name: 'gridId', label: 'record.filter.grid', scope: 'region', regionFilter: 'region', fromUrl: 'grid', testId: 'grid' },
      { type: 'text', name: 'q', label: 'record.filter.q', placeholder: spec.searchPlaceholder },
      ...(spec.filters ?? []),
    ],
    toolbar: [
      { key: 'import', label: 'reg.import', needs: 'register:import', run: () => navigate(pathWithQuery('/registers/imports', { register: kind })) },
      { key: 'export', label: 'reg.export', needs: 'register:export', Dialog: exportDialog(kind, spec.unmask.length > 0) },
    ],
    views: spec.map ? [{ key: 'map', label: 'record.view.map', Component: mapView(kind, spec.map) }] : [],
    detail: {
      width: 640,
      Header: spec.Header,
      sections: [
        {
          key: 'fields',
          fields: (record, ctx) => [
            ...spec.describe(record, ctx),
            { key: 'grid', label: ctx.t('record.grid'), children: record.gridName },
            { key: 'createdAt', label: ctx.t('record.createdAt'), children: formatDateTime(record.createdAt, ctx.locale) },
            { key: 'updatedAt', label: ctx.t('record.updatedAt'), children: formatDateTime(record.updatedAt, ctx.locale) },
            { key: 'version', label: ctx.t('record.version'), children: <span data-testid={`${slug}-detail-version`}>{record.version}</span> },
          ],
        },
        ...(spec.parts ?? []),
      ],
      history: {
        key: (record) => registerKeys.history(kind, record.id),
        load: (record, signal) => registersApi.history(kind, record.id, signal).then((answer) => answer.items),
        fieldLabel: (t, field) => fieldLabel(t, kind, field),
        formatValue: registerValue(kind),
        // Derived from the grid; the grid itself is shown.
        hidden: ['regionCode'],
      },
      unmask:
        spec.unmask.length > 0
          ? {
              needs: 'register:unmask',
              fields: (record) => heldFields(record, spec.unmask),
              reveal: (record, request) => registersApi.unmask(kind, record.id, { reason: request.reason, fields: request.fields.filter(isUnmaskField) }),
              reasonSchema: unmaskRequest.shape.reason,
            }
          : undefined,
    },
    form: {
      width: spec.form.width,
      fields: spec.form.fields,
      initialValues: (record, { me }) => spec.form.initialValues(record, me),
      create: (values) => registersApi.create(kind, spec.form.toCreate(values)),
      update: (values, record) => registersApi.update(kind, record.id, spec.form.toUpdate(values, record)),
    },
  };
}

/** A field label of a register, for form fields (`label: fieldOf('resident')('name')`). */
export function fieldOf(kind: RegisterKind): (field: string) => (t: Translate) => string {
  return (field) => (t) => fieldLabel(t, kind, field);
}

/** The dwelling a resident or a household lives in: searched within the grid chosen above it. */
export function dwellingField<R extends { dwellingLabel: string | null }, V extends FormValues & { gridId?: string; dwellingId?: string | null }>(kind: RegisterKind): FieldSpec<R, V> {
  return {
    name: 'dwellingId' as Extract<keyof V, string>,
    label: fieldOf(kind)('dwellingId'),
    input: {
      type: 'custom',
      render: ({ t, values, record, testId }) => (
        <RecordSelect
          kind="dwelling"
          allowClear
          params={values.gridId ? { gridId: values.gridId } : undefined}
          valueLabel={record?.dwellingLabel}
          describe={(dwelling) => dwelling.label}
          placeholder={t('resident.pickDwelling')}
          data-testid={testId}
        />
      ),
    },
    testId: 'dwelling',
  };
}

