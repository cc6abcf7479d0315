import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ROLE_PERMISSIONS, type Me } from '@gridgov/contracts';
import type { Translate } from '../../i18n/translate';
import {
  abilities,
  detailLayout,
  fieldNames,
  fieldRequired,
  filtersFromUrl,
  filtersToQuery,
  rowActions,
  toolbarActions,
  visibleColumns,
  visibleFields,
  visibleFilters,
  type Viewer,
} from './derive';
import type { FieldContext, RecordPageConfig } from './types';

/** A module not yet written, as its page config would read: a register of disputes (矛盾纠纷). */
interface Dispute {
  id: string;
  version: number;
  title: string;
  kind: string;
  partyPhoneMasked: string | null;
}
interface DisputeValues extends Record<string, unknown> {
  gridId?: string;
  title: string;
  kind?: string;
  mediatorNote?: string;
  partyPhone?: string;
  lon?: number | null;
  lat?: number | null;
  settled?: boolean;
  settlement?: string;
}

const disputeInput = z.strictObject({
  gridId: z.string().uuid(),
  title: z.string().trim().min(1).max(100),
  kind: z.enum(['neighbour', 'family', 'labour']).default('neighbour'),
  mediatorNote: z.string().max(500).nullable().optional(),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

const page = { items: [], total: 0, page: 1, pageSize: 20 };
const disputes: RecordPageConfig<Dispute, DisputeValues> = {
  slug: 'disputes',
  title: 'menu.home',
  noun: () => '纠纷',
  recordName: (dispute) => dispute.title,
  source: { key: ['disputes'], list: async () => page, get: async (id) => ({ id, version: 1, title: '', kind: 'family', partyPhoneMasked: null }), remove: async () => undefined },
  permissions: { create: 'register:write', update: 'register:write', delete: ['register:write', 'ticket:dispatch'] },
  columns: () => [
    { key: 'title', dataIndex: 'title' },
    { key: 'phone', dataIndex: 'partyPhoneMasked', needs: 'register:unmask' },
  ],
  filters: [
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'grid', name: 'gridId', label: 'record.filter.grid', scope: 'region', fromUrl: 'grid' },
    { type: 'text', name: 'q', label: 'record.filter.q' },
    { type: 'select', name: 'kind', label: 'record.filter.q', options: () => [], needs: 'ticket:dispatch' },
  ],
  rowActions: [
    { key: 'mediate', label: 'record.detail', needs: 'ticket:handle', run: () => undefined },
    { key: 'close', label: 'record.detail', needs: 'ticket:dispatch', inDetail: true, when: (d) => d.kind !== 'labour', run: () => undefined },
  ],
  toolbar: [
    { key: 'export', label: 'reg.export', needs: 'register:export', run: () => undefined },
    { key: 'help', label: 'record.detail', run: () => undefined },
  ],
  detail: {
    sections: [
      { key: 'fields', fields: () => [] },
      { key: 'sessions', tab: 'record.tab.history', fields: () => [] },
      { key: 'risk', fields: () => [], needs: 'ticket:supervise' },
    ],
  },
  form: {
    fields: [
      { name: 'gridId', label: 'record.grid', input: { type: 'grid' }, required: true },
      { name: 'title', label: 'record.grid', input: { type: 'text' }, schema: disputeInput.shape.title },
      { name: 'kind', label: 'record.grid', input: { type: 'select', options: () => [] }, schema: disputeInput.shape.kind },
      { name: 'mediatorNote', label: 'record.grid', input: { type: 'textarea' }, schema: disputeInput.shape.mediatorNote },
      { name: 'partyPhone', label: 'record.grid', input: { type: 'secretPhone', masked: (record) => record?.partyPhoneMasked } },
      { name: 'lon', label: 'record.point', input: { type: 'point', lonSchema: disputeInput.shape.lon, latSchema: disputeInput.shape.lat } },
      { name: 'settled', label: 'record.grid', input: { type: 'switch' } },
      { name: 'settlement', label: 'record.grid', input: { type: 'text' }, visible: ({ values }) => values.settled === true, required: ({ record }) => record !== null },
    ],
    initialValues: () => ({ title: '' }),
    create: async () => ({ id: 'new', version: 1, title: '', kind: 'family', partyPhoneMasked: null }),
    update: async (_values, record) => record,
  },
};

const viewer = (role: keyof typeof ROLE_PERMISSIONS, gridScoped = false): Viewer => ({ permissions: ROLE_PERMISSIONS[role], gridScoped });
const t: Translate = (key) => key;
const me: Me = {
  id: 'u1',
  username: 'city_op',
  displayName: '值班员',
  role: 'operator',
  scope: { regionCode: '430700000000', regionName: '常德市', level: 'city', gridId: null, gridName: null },
  permissions: [...ROLE_PERMISSIONS.operator],
  mustChangePassword: false,
};
const ctx = (values: Partial<DisputeValues>, record: Dispute | null = null): FieldContext<Dispute, DisputeValues> => ({ t, values, record });

describe('record page: what the viewer is offered', () => {
  it('shows a column only to those who hold what it needs', () => {
    const columns = disputes.columns({ t, locale: 'zh-CN', me });
    assert.deepEqual(visibleColumns(columns, viewer('operator')).map((c) => c.key), ['title', 'phone']);
    assert.deepEqual(visibleColumns(columns, viewer('grid_worker')).map((c) => c.key), ['title']);
  });

  it('hides the region and grid filters from a grid-scoped user, and filters by permission', () => {
    assert.deepEqual(visibleFilters(disputes.filters, viewer('operator')).map((f) => f.name), ['region', 'gridId', 'q', 'kind']);
    assert.deepEqual(visibleFilters(disputes.filters, viewer('grid_worker', true)).map((f) => f.name), ['q']);
    assert.deepEqual(visibleFilters(disputes.filters, viewer('department_handler')).map((f) => f.name), ['region', 'gridId', 'q']);
  });

  it('offers create, edit and delete by the permissions the config names, and only when the config can do them', () => {
    assert.deepEqual(abilities(disputes, viewer('operator')), { create: true, update: true, delete: true });
    assert.deepEqual(abilities(disputes, viewer('grid_worker')), { create: true, update: true, delete: true });
    assert.deepEqual(abilities(disputes, viewer('department_handler')), { create: false, update: false, delete: false });
    const readOnly = { ...disputes, form: undefined, source: { ...disputes.source, remove: undefined } };
    assert.deepEqual(abilities(readOnly, viewer('operator')), { create: false, update: false, delete: false });
    // An action the config gives no permission to is never offered.
    assert.deepEqual(abilities({ ...disputes, permissions: {} }, viewer('operator')), { create: false, update: false, delete: false });
  });

  it('lists a row\'s buttons in order: detail, edit, delete (asking first), then the config\'s own allowed ones', () => {
    const operator = rowActions(disputes, viewer('operator'));
    assert.deepEqual(operator.map((a) => a.key), ['open', 'edit', 'delete', 'close']);
    assert.deepEqual(operator.find((a) => a.key === 'delete')?.confirm, { title: 'record.deleteConfirm', description: 'record.deleteHint' });
    assert.equal(operator.find((a) => a.key === 'close')?.when?.({ id: 'x', version: 1, title: '', kind: 'labour', partyPhoneMasked: null }), false);
    assert.deepEqual(rowActions(disputes, viewer('department_handler')).map((a) => a.key), ['open', 'mediate']);
    assert.deepEqual(rowActions(disputes, viewer('grid_worker')).map((a) => a.key), ['open', 'edit', 'delete', 'mediate']);
    // Edit and delete also sit in the detail's header; the detail button does not.
    assert.deepEqual(operator.filter((a) => a.inDetail).map((a) => a.key), ['edit', 'delete', 'close']);
  });

  it('offers edit only on records the form says are editable now', () => {
    const settledOnly = { ...disputes, form: { ...disputes.form!, editable: (d: Dispute) => d.kind !== 'settled' } };
    const edit = rowActions(settledOnly, viewer('operator')).find((a) => a.key === 'edit')!;
    assert.equal(edit.when?.({ id: 'x', version: 1, title: '', kind: 'settled', partyPhoneMasked: null }), false);
    assert.equal(edit.when?.({ id: 'x', version: 1, title: '', kind: 'labour', partyPhoneMasked: null }), true);
    assert.equal(rowActions(disputes, viewer('operator')).find((a) => a.key === 'edit')!.when, undefined);
  });

  it('shows toolbar buttons by permission; one without a need to everybody', () => {
    assert.deepEqual(toolbarActions(disputes.toolbar, viewer('operator')).map((a) => a.key), ['export', 'help']);
    assert.deepEqual(toolbarActions(disputes.toolbar, viewer('grid_worker')).map((a) => a.key), ['help']);
  });

  it('puts detail sections in the first tab or their own, by permission', () => {
    const operator = detailLayout(disputes.detail.sections, viewer('operator'));
    assert.deepEqual(operator.main.map((s) => s.key), ['fields', 'risk']);
    assert.deepEqual(operator.tabs.map((s) => s.key), ['sessions']);
    assert.deepEqual(detailLayout(disputes.detail.sections, viewer('grid_worker')).main.map((s) => s.key), ['fields']);
  });
});

describe('record page: the filters\' query', () => {
  it('trims text, drops blanks, and takes a region only as a whole 12-digit code', () => {
    const query = filtersToQuery(disputes.filters, { region: '4307', gridId: '', q: '  张三 ', kind: undefined });
    assert.deepEqual(query, { q: '张三' });
    assert.deepEqual(filtersToQuery(disputes.filters, { region: '430702001001', kind: 'family' }), { region: '430702001001', kind: 'family' });
  });

  it('ignores values of fields that are not filters', () => {
    assert.deepEqual(filtersToQuery(disputes.filters, { q: 'x', page: '3' }), { q: 'x' });
  });

  it('takes filters from the link that opened the page', () => {
    assert.deepEqual(filtersFromUrl(disputes.filters, new URLSearchParams('grid=g-1&id=r-1')), { gridId: 'g-1' });
    assert.deepEqual(filtersFromUrl(disputes.filters, new URLSearchParams('')), {});
  });
});

describe('record page: the form\'s fields', () => {
  const field = (name: keyof DisputeValues) => {
    const found = disputes.form?.fields.find((f) => f.name === name);
    assert.ok(found, `field ${String(name)}`);
    return found;
  };

  it('makes a field required when its contract schema does not accept nothing', () => {
    assert.equal(fieldRequired(field('title'), ctx({})), true);
    // A default or .optional() leaves the field to the server.
    assert.equal(fieldRequired(field('kind'), ctx({})), false);
    assert.equal(fieldRequired(field('mediatorNote'), ctx({})), false);
    // A point is required when its longitude is.
    assert.equal(fieldRequired(field('lon'), ctx({})), true);
  });

  it('lets the config say so itself, also from the values and the record', () => {
    assert.equal(fieldRequired(field('gridId'), ctx({})), true);
    assert.equal(fieldRequired(field('partyPhone'), ctx({})), false);
    assert.equal(fieldRequired(field('settlement'), ctx({}, null)), false);
    assert.equal(fieldRequired(field('settlement'), ctx({}, { id: 'd', version: 2, title: '', kind: 'family', partyPhoneMasked: null })), true);
  });

  it('shows fields by the values being edited', () => {
    const names = (values: Partial<DisputeValues>) => visibleFields(disputes.form?.fields ?? [], ctx(values)).map((f) => f.name);
    assert.equal(names({}).includes('settlement'), false);
    assert.equal(names({ settled: true }).includes('settlement'), true);
  });

  it('names the form fields a field occupies, as the server names them in its errors', () => {
    assert.deepEqual(fieldNames(field('lon')), ['lon', 'lat']);
    assert.deepEqual(fieldNames(field('partyPhone')), ['partyPhone', 'partyPhoneClear']);
    assert.deepEqual(fieldNames(field('title')), ['title']);
  });
});
