/**
 * The decisions of a record page, as plain functions of its config and the signed-in user:
 * which columns, filters, buttons and detail sections show; what the filter form asks the
 * server; which form fields show and which are required. The page only renders them.
 */
import type { MessageKey } from '../../i18n/i18n';
import { holds, type Need } from '../permissions';
import { schemaRequires } from '../schema';
import type {
  ColumnSpec,
  DetailSection,
  FieldContext,
  FieldSpec,
  FilterQuery,
  FilterSpec,
  FormValues,
  RecordBase,
  RecordPageConfig,
  RowActionSpec,
  ToolbarActionSpec,
} from './types';

/** Who is looking: their permissions, and whether their scope is one grid. */
export interface Viewer {
  permissions: readonly string[];
  gridScoped: boolean;
}

export function visibleColumns<R>(columns: readonly ColumnSpec<R>[], viewer: Viewer): ColumnSpec<R>[] {
  return columns.filter((column) => holds(column.needs, viewer.permissions));
}

export function visibleFilters(filters: readonly FilterSpec[], viewer: Viewer): FilterSpec[] {
  return filters.filter((filter) => holds(filter.needs, viewer.permissions) && !(filter.scope === 'region' && viewer.gridScoped));
}

const DIVISION_CODE = /^\d{12}$/;

/**
 * The list query of the filter form's values: text trimmed, blanks left out, a region only when
 * it is a whole 12-digit code (one being typed does not filter yet), filters not shown ignored.
 */
export function filtersToQuery(filters: readonly FilterSpec[], values: Readonly<Record<string, unknown>>): FilterQuery {
  const query: Record<string, string> = {};
  for (const filter of filters) {
    const raw = values[filter.name];
    if (raw === undefined || raw === null) continue;
    const value = typeof raw === 'string' ? raw.trim() : String(raw);
    if (value === '') continue;
    if (filter.type === 'region' && !DIVISION_CODE.test(value)) continue;
    query[filter.name] = value;
  }
  return query;
}

/** Filter values set by the link that opened the page (`?grid=<id>` sets the grid filter). */
export function filtersFromUrl(filters: readonly FilterSpec[], params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const filter of filters) {
    const value = filter.fromUrl ? params.get(filter.fromUrl) : null;
    if (value) values[filter.name] = value;
  }
  return values;
}

/** What the user may do with the page's records (the built-in actions). */
export interface Abilities {
  create: boolean;
  update: boolean;
  delete: boolean;
}

export function abilities<R extends RecordBase, V extends FormValues>(config: RecordPageConfig<R, V>, viewer: Viewer): Abilities {
  const allowed = (need: Need | undefined, present: boolean) => present && need !== undefined && holds(need, viewer.permissions);
  return {
    create: allowed(config.permissions.create, Boolean(config.form?.create)),
    update: allowed(config.permissions.update, Boolean(config.form?.update)),
    delete: allowed(config.permissions.delete, Boolean(config.source.remove)),
  };
}

/** A button of a row, resolved for the viewer. */
export interface RowAction<R extends RecordBase> {
  key: string;
  label: MessageKey;
  danger: boolean;
  confirm?: { title: MessageKey; description?: MessageKey };
  inDetail: boolean;
  when?: (record: R) => boolean;
  /** A built-in action the page runs itself, or the config's handler. */
  builtin?: 'open' | 'edit' | 'delete';
  run?: RowActionSpec<R>['run'];
}

/** The buttons of a row, in order: 详情, 编辑 and 删除 when allowed, then the config's own. */
export function rowActions<R extends RecordBase, V extends FormValues>(config: RecordPageConfig<R, V>, viewer: Viewer): RowAction<R>[] {
  const can = abilities(config, viewer);
  const actions: RowAction<R>[] = [{ key: 'open', label: 'record.detail', danger: false, inDetail: false, builtin: 'open' }];
  if (can.update) actions.push({ key: 'edit', label: 'common.edit', danger: false, inDetail: true, builtin: 'edit', when: config.form?.editable });
  if (can.delete) {
    actions.push({
      key: 'delete',
      label: 'common.delete',
      danger: true,
      inDetail: true,
      builtin: 'delete',
      confirm: { title: 'record.deleteConfirm', description: 'record.deleteHint' },
    });
  }
  for (const action of config.rowActions ?? []) {
    if (!holds(action.needs, viewer.permissions)) continue;
    actions.push({
      key: action.key,
      label: action.label,
      danger: action.danger ?? false,
      confirm: action.confirm,
      inDetail: action.inDetail ?? false,
      when: action.when,
      run: action.run,
    });
  }
  return actions;
}

export function toolbarActions(toolbar: readonly ToolbarActionSpec[] | undefined, viewer: Viewer): ToolbarActionSpec[] {
  return (toolbar ?? []).filter((action) => holds(action.needs, viewer.permissions));
}

/** The detail's sections the viewer may see: those of the first tab, then one tab per `tab`. */
export function detailLayout<R extends RecordBase>(sections: readonly DetailSection<R>[], viewer: Viewer): { main: DetailSection<R>[]; tabs: DetailSection<R>[] } {
  const shown = sections.filter((section) => holds(section.needs, viewer.permissions));
  return { main: shown.filter((section) => !section.tab), tabs: shown.filter((section) => section.tab) };
}

export function fieldRequired<R, V extends FormValues>(field: FieldSpec<R, V>, ctx: FieldContext<R, V>): boolean {
  if (typeof field.required === 'function') return field.required(ctx);
  if (typeof field.required === 'boolean') return field.required;
  if (field.schema) return schemaRequires(field.schema);
  // A point is required when its longitude is (a facility must have a location).
  return field.input.type === 'point' ? schemaRequires(field.input.lonSchema) : false;
}

export function visibleFields<R, V extends FormValues>(fields: readonly FieldSpec<R, V>[], ctx: FieldContext<R, V>): FieldSpec<R, V>[] {
  return fields.filter((field) => field.visible?.(ctx) ?? true);
}

/** The form names a field occupies: a point is `lon` and `lat`, a secret phone also `<name>Clear`. */
export function fieldNames<R, V extends FormValues>(field: FieldSpec<R, V>): string[] {
  if (field.input.type === 'point') return ['lon', 'lat'];
  if (field.input.type === 'secretPhone') return [field.name, `${field.name}Clear`];
  return [field.name];
}
