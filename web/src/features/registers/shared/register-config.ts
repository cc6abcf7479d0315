/** What one register brings to the shared list / detail / form / map machinery. */
import type { ComponentType } from 'react';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import type { Locale, RegisterKind } from '@gridgov/contracts';
import type { RegisterRecord, UnmaskField, UnmaskResponse } from '../../../api/registers';
import type { MessageKey, Translate } from '../../../i18n/i18n';
import type { EnumName } from '../../../shared/labels';

export interface ViewContext {
  t: Translate;
  locale: Locale;
}

export interface DetailContext extends ViewContext {
  /** Full values after an unmask, for this drawer only. */
  unmasked: UnmaskResponse | null;
}

export interface FilterSpec {
  /** The `kind` filter and the enum it takes its options from. */
  kind?: { enum: EnumName; label: MessageKey };
  /** Resident tags. */
  tag?: boolean;
  /** The `status` filter (facilities). */
  status?: EnumName;
  keyPlace?: boolean;
  /** Exact ID number and phone search (residents). */
  identity?: boolean;
  /** Dwellings of one building. */
  building?: boolean;
}

export interface RecordFormProps<K extends RegisterKind> {
  /** null: a new record. */
  record: RegisterRecord<K> | null;
  onSaved: (record: RegisterRecord<K>) => void;
  onClose: () => void;
}

export interface DetailPartProps<K extends RegisterKind> {
  record: RegisterRecord<K>;
  canWrite: boolean;
  /** The part changed the record (a member added): the drawer shows the new one. */
  onChange: (record: RegisterRecord<K>) => void;
}

export interface RegisterConfig<K extends RegisterKind> {
  kind: K;
  /** Used in test ids and URLs: `residents`. */
  slug: string;
  title: MessageKey;
  searchPlaceholder: MessageKey;
  recordName: (record: RegisterRecord<K>) => string;
  filters: FilterSpec;
  columns: (ctx: ViewContext) => TableColumnsType<RegisterRecord<K>>;
  describe: (record: RegisterRecord<K>, ctx: DetailContext) => NonNullable<DescriptionsProps['items']>;
  /** Shown above the fields (the venue code). */
  DetailHeader?: ComponentType<DetailPartProps<K>>;
  /** Shown below the fields (household members, organisation employees). */
  DetailExtra?: ComponentType<DetailPartProps<K>>;
  Form: ComponentType<RecordFormProps<K>>;
  /** Personal data the unmask endpoint can show in full. */
  unmask: readonly UnmaskField[];
  /** points: /api/<register>/points; choropleth: residents per grid. */
  map: 'points' | 'choropleth' | null;
}
