/**
 * What a module writes to get a list / detail / form page of its records: a `RecordPageConfig`.
 * The page (`RecordPage`) supplies the server-paged list (or a map), the filters, the row and
 * toolbar buttons allowed by the signed-in user's permissions, the detail drawer with its
 * sections, history and personal-data reveal, and the create / edit form whose fields come from
 * the config and whose server errors land on their fields. See `features/registers/` for seven
 * configs, and docs/web-kit.md for a new module's.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { DescriptionsProps, TableColumnType } from 'antd';
import type { ComponentType, ReactNode } from 'react';
import type { z } from 'zod';
import type { HistoryEntry, Locale, Me } from '@gridgov/contracts';
import type { ApiErrorCode } from '../../api/client';
import type { Page } from '../../api/types';
import type { MessageKey, Translate } from '../../i18n/i18n';
import type { Need } from '../permissions';

/** What every record of a page has: an id and, for optimistic concurrency, a version. */
export interface RecordBase {
  id: string;
  version: number;
}

/** The list query the filters make: field name to value, blanks left out. */
export type FilterQuery = Readonly<Record<string, string>>;

export interface Paging {
  page: number;
  pageSize: number;
}

export interface ViewContext {
  t: Translate;
  locale: Locale;
  me: Me;
}

// ---------- where the records come from ----------

export interface RecordSource<R extends RecordBase> {
  /** The domain's cache key of these records: writes invalidate everything under it. */
  key: QueryKey;
  list: (query: FilterQuery, paging: Paging, signal: AbortSignal) => Promise<Page<R>>;
  get: (id: string, signal: AbortSignal) => Promise<R>;
  remove?: (record: R) => Promise<unknown>;
  /** The error code of a stale version (someone saved first): the form offers to reload. */
  conflictCode?: ApiErrorCode;
  /**
   * After any write, with what changed: the module's own cache update (e.g. refreshing other
   * domains that show these records). Without it the record is put in place and everything
   * else under `key` read again.
   */
  afterWrite?: (client: QueryClient, change: { saved?: R; removedId?: string }) => Promise<unknown>;
}

// ---------- the list ----------

/** An antd column, shown only to users who hold `needs`. */
export type ColumnSpec<R> = TableColumnType<R> & { key: string; needs?: Need };

interface FilterBase {
  /** The query field the filter sets; also the form field. */
  name: string;
  label: MessageKey;
  /** Shown to users who hold it. */
  needs?: Need;
  /** `region`: only for users whose scope is a region subtree (a grid worker sees one grid). */
  scope?: 'region';
  /** A URL parameter that sets the filter when a link opens the page (`?grid=<id>`). */
  fromUrl?: string;
  /** Test id suffix: `<slug>-filter-<testId>`; the name by default. */
  testId?: string;
  width?: number;
  /** A hint on the label. */
  tooltip?: MessageKey;
}

export type FilterSpec =
  | (FilterBase & { type: 'text'; placeholder?: MessageKey; maxLength?: number })
  | (FilterBase & { type: 'select'; options: (t: Translate) => { value: string; label: string }[] })
  /** A 12-digit division code typed or picked from the tree; only a whole code filters. */
  | (FilterBase & { type: 'region' })
  /** A grid, within the region filter named by `regionFilter` when there is one. */
  | (FilterBase & { type: 'grid'; regionFilter?: string })
  /** Any other control (an antd form control: value / onChange). */
  | (FilterBase & { type: 'custom'; render: (ctx: { t: Translate; testId: string; width?: number }) => ReactNode });

/** What a button's handler may do. */
export interface ActionContext<R extends RecordBase> {
  open: (id: string) => void;
  edit: (record: R) => void;
  /** The records were changed by the action: read them again. */
  refresh: () => Promise<unknown>;
}

export interface RowActionSpec<R extends RecordBase> {
  /** Test id: `<slug>-<key>-<id>`. */
  key: string;
  label: MessageKey;
  needs?: Need;
  danger?: boolean;
  /** Only for the records it applies to. */
  when?: (record: R) => boolean;
  /** Asks first; the title names the record. */
  confirm?: { title: MessageKey; description?: MessageKey };
  /** Also a button in the detail drawer's header. */
  inDetail?: boolean;
  run: (record: R, ctx: ActionContext<R>) => unknown;
}

/** A button above the list; with a `Dialog`, the dialog opens while it is pressed. */
export interface ToolbarActionSpec {
  /** Test id: `<slug>-<key>`. */
  key: string;
  label: MessageKey;
  needs?: Need;
  run?: (ctx: { query: FilterQuery }) => void;
  Dialog?: ComponentType<{ query: FilterQuery; total: number | null; onClose: () => void }>;
}

/** Another way to show the list (a map): gets the query and opens records. */
export interface ListViewSpec {
  key: string;
  label: MessageKey;
  /** Shown while the view loads (a map's code arrives on demand). */
  Component: ComponentType<ListViewProps>;
}

export interface ListViewProps {
  query: FilterQuery;
  slug: string;
  open: (id: string) => void;
  /** Sets some filters and goes back to the list (a click on a grid lists its records). */
  filterList: (values: Record<string, string>) => void;
}

// ---------- the detail ----------

export interface DetailContext extends ViewContext {
  /** Full values after a reveal, for this drawer only. */
  unmasked: Readonly<Record<string, string | null | undefined>> | null;
}

export interface DetailPartProps<R extends RecordBase> {
  record: R;
  /** The user may change the record (the page's `update` need). */
  canWrite: boolean;
  /** The part changed the record (a member added): the drawer shows the new one. */
  onChange: (record: R) => void;
}

export type DescriptionItems = NonNullable<DescriptionsProps['items']>;

/** One block of the detail: description items, or a component (members, employees). */
export interface DetailSection<R extends RecordBase> {
  /** Test id of a fields block: `<slug>-detail-<key>`. */
  key: string;
  title?: MessageKey;
  needs?: Need;
  /** Put in a tab of its own (after the first), labelled so. */
  tab?: MessageKey;
  fields?: (record: R, ctx: DetailContext) => DescriptionItems;
  Component?: ComponentType<DetailPartProps<R>>;
}

export interface HistorySpec<R extends RecordBase> {
  /** The cache key of a record's history (written records refresh it). */
  key: (record: R) => QueryKey;
  load: (record: R, signal: AbortSignal) => Promise<HistoryEntry[]>;
  fieldLabel: (t: Translate, field: string) => string;
  formatValue?: (t: Translate, field: string, value: unknown) => ReactNode;
  /** Fields not worth showing (derived from others). */
  hidden?: readonly string[];
}

/** Personal data the record shows masked, which a permitted user may reveal with a reason. */
export interface UnmaskSpec<R extends RecordBase> {
  needs: Need;
  /** The fields this record holds (no button for a phone never given). */
  fields: (record: R) => string[];
  reveal: (record: R, request: { reason: string; fields: string[] }) => Promise<Record<string, string | null | undefined>>;
  /** The contract's rule for the reason. */
  reasonSchema: z.ZodType;
}

export interface DetailSpec<R extends RecordBase> {
  width?: number;
  /** Above the tabs (a venue's code). */
  Header?: ComponentType<DetailPartProps<R>>;
  sections: readonly DetailSection<R>[];
  history?: HistorySpec<R>;
  unmask?: UnmaskSpec<R>;
}

// ---------- the form ----------

type Values = Record<string, unknown>;

/** Context of a field's dynamic parts: the values being edited and the record (null: new). */
export interface FieldContext<R, V extends Values> {
  t: Translate;
  values: Partial<V>;
  record: R | null;
}

export type FieldInput<R, V extends Values> =
  | { type: 'text'; maxLength?: number; placeholder?: string | ((ctx: FieldContext<R, V>) => string | undefined); monospace?: boolean; autoComplete?: 'off' }
  | { type: 'textarea'; rows?: number; maxLength?: number }
  | { type: 'number'; min?: number; max?: number; precision?: number }
  | { type: 'select'; options: (t: Translate) => { value: string; label: string }[]; multiple?: boolean; allowClear?: boolean }
  | { type: 'date' }
  | { type: 'switch' }
  /** A grid of the caller's scope. */
  | { type: 'grid' }
  /** Longitude and latitude (fields `lon` and `lat`) with a map picker. */
  | { type: 'point'; lonSchema: z.ZodType; latSchema: z.ZodType }
  /** A phone the API takes but never gives back: empty keeps it, `<name>Clear` removes it. */
  | { type: 'secretPhone'; masked: (record: R | null) => string | null | undefined }
  | { type: 'custom'; render: (ctx: FieldContext<R, V> & { testId: string }) => ReactNode };

export interface FieldSpec<R, V extends Values> {
  name: Extract<keyof V, string>;
  label: MessageKey | ((t: Translate) => string);
  input: FieldInput<R, V>;
  /**
   * The field's schema in the contract: the form checks it as the server will, and the field is
   * required when the schema does not accept "nothing".
   */
  schema?: z.ZodType;
  /** Overrides what the schema says (a picker whose schema is a plain string). */
  required?: boolean | ((ctx: FieldContext<R, V>) => boolean);
  /** The message of a missing required field without a schema. */
  requiredMessage?: MessageKey;
  /** Leave an empty value alone (edit: empty keeps the stored ID number). */
  skipEmpty?: (ctx: FieldContext<R, V>) => boolean;
  /** Width in 24ths of the form (two fields side by side: 12 each); full width on a phone. */
  span?: number;
  visible?: (ctx: FieldContext<R, V>) => boolean;
  extra?: (ctx: FieldContext<R, V>) => ReactNode;
  /** Test id suffix: `<slug>-form-<testId>`; none by default. */
  testId?: string;
}

export interface FormSpec<R extends RecordBase, V extends Values> {
  width?: number;
  fields: readonly FieldSpec<R, V>[];
  initialValues: (record: R | null, ctx: { me: Me }) => V;
  create?: (values: V) => Promise<R>;
  update?: (values: V, record: R) => Promise<R>;
  /** The form field a server's error lands on where the API names it otherwise (`person.idNumber` → `idNumber`). */
  serverFields?: Readonly<Record<string, string>>;
  /** Whether this record may be edited now (an announcement only as a draft); always by default. */
  editable?: (record: R) => boolean;
}

// ---------- the page ----------

export interface RecordPageConfig<R extends RecordBase, V extends Values = Values> {
  /** Test ids and the URL: `residents`. */
  slug: string;
  title: MessageKey;
  /** What one record is called, in titles ("新建人口"). */
  noun: (t: Translate) => string;
  recordName: (record: R) => string;
  source: RecordSource<R>;
  /** What each built-in action needs; an action without a need here is not offered. */
  permissions: { create?: Need; update?: Need; delete?: Need };
  columns: (ctx: ViewContext) => readonly ColumnSpec<R>[];
  filters: readonly FilterSpec[];
  rowActions?: readonly RowActionSpec<R>[];
  toolbar?: readonly ToolbarActionSpec[];
  /** Other views than the list (the map), chosen with `?view=<key>`. */
  views?: readonly ListViewSpec[];
  detail: DetailSpec<R>;
  form?: FormSpec<R, V>;
  pageSize?: number;
}

export type { Values as FormValues };
