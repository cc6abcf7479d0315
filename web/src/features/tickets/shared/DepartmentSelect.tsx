/**
 * Departments in order, the first leading (主办) and the rest assisting (协办). Clicking a tag
 * makes that department the lead. Works as a controlled antd form control.
 */
import { Select, Tag } from 'antd';
import type { CSSProperties } from 'react';
import type { Department } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';
import { servesRegion, useDepartments } from './ticket-data';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Only departments serving this region (dispatch, transfer). */
  regionCode?: string;
  /** Label the first as lead and the others as assisting. */
  withLead?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

function grouped(departments: readonly Department[]) {
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const d of departments) {
    const group = groups.get(d.regionCode) ?? { label: d.regionName || d.regionCode, options: [] };
    group.options.push({ value: d.id, label: d.name });
    groups.set(d.regionCode, group);
  }
  return [...groups.values()];
}

export function DepartmentSelect({ value, onChange, regionCode, withLead = true, style, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const all = useDepartments();
  const departments = (all ?? []).filter((d) => !regionCode || servesRegion(d, regionCode));
  const selected = value ?? [];
  return (
    <Select<string[]>
      mode="multiple"
      value={selected}
      onChange={(next) => onChange?.(next)}
      loading={all === null}
      options={grouped(departments)}
      placeholder={t('ticket.form.departmentsPlaceholder')}
      optionFilterProp="label"
      style={style}
      data-testid={testId}
      tagRender={({ label, value: id, closable, onClose }) => {
        const index = selected.indexOf(String(id));
        const lead = withLead && index === 0;
        return (
          <Tag
            color={lead ? 'blue' : undefined}
            closable={closable}
            onClose={onClose}
            onMouseDown={(event) => {
              event.preventDefault();
              event.stopPropagation();
            }}
            onClick={() => {
              if (!withLead || index <= 0) return;
              onChange?.([String(id), ...selected.filter((other) => other !== String(id))]);
            }}
            style={{ marginInlineEnd: 4, cursor: withLead && !lead ? 'pointer' : undefined }}
            title={withLead && !lead ? t('ticket.form.makeLead') : undefined}
            data-testid={lead ? 'department-lead' : 'department-tag'}
          >
            {withLead && <strong style={{ marginInlineEnd: 4 }}>{lead ? t('ticket.lead') : t('ticket.assist')}</strong>}
            {label}
          </Tag>
        );
      }}
    />
  );
}
