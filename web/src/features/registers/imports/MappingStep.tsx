/** Step 2 of an import: which column of the file feeds each register field (pre-filled). */
import { Alert, Select, Table, Tag, Typography } from 'antd';
import type { ImportJob } from '@gridgov/contracts';
import type { ImportMapping } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';
import type { GridRuleDraft } from './GridRuleStep';

type Field = ImportJob['fields'][number];

interface Props {
  job: ImportJob;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  /** Where rows get their grid: another way than the grid-code column hides that column. */
  rule: GridRuleDraft;
}

/** The fields the mapping offers under a grid rule. */
function mappableFields(job: ImportJob, rule: GridRuleDraft): Field[] {
  return rule.by === 'code' ? job.fields : job.fields.filter((field) => field.field !== 'gridCode');
}

/** The mapping to send: the grid-code column only when grids come from it. */
export function mappingFor(mapping: ImportMapping, rule: GridRuleDraft): ImportMapping {
  if (rule.by === 'code') return mapping;
  const { gridCode: _gridCode, ...rest } = mapping;
  return rest;
}

/** Required fields without a column. */
export function unmappedRequired(job: ImportJob, mapping: ImportMapping, rule: GridRuleDraft): Field[] {
  return mappableFields(job, rule).filter((field) => field.required && !mapping[field.field]);
}

export function MappingStep({ job, mapping, onChange, rule }: Props) {
  const { t } = useI18n();
  const used = new Set(Object.values(mapping));
  const missing = unmappedRequired(job, mapping, rule);
  return (
    <div data-testid="imports-mapping">
      <Alert type="info" showIcon title={t('import.mappingHint')} style={{ marginBottom: 12 }} />
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={missing.map((field) => t('import.requiredMissing', { field: field.label })).join('；')}
          style={{ marginBottom: 12 }}
          data-testid="imports-mapping-missing"
        />
      )}
      <Table<Field>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={mappableFields(job, rule)}
        columns={[
          {
            key: 'field',
            title: t('import.field'),
            width: '40%',
            render: (_value, field) => (
              <span>
                <Typography.Text strong={field.required}>{field.label}</Typography.Text>
                {field.required && (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t('record.rule.required')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            key: 'column',
            title: t('import.column'),
            render: (_value, field) => (
              <Select<string>
                value={mapping[field.field]}
                allowClear
                placeholder={t('import.columnNone')}
                status={field.required && !mapping[field.field] ? 'warning' : undefined}
                style={{ width: '100%' }}
                options={job.columns.map((column) => ({ value: column, label: column, disabled: used.has(column) && mapping[field.field] !== column }))}
                onChange={(column) => {
                  const next = { ...mapping };
                  if (column) next[field.field] = column;
                  else delete next[field.field];
                  onChange(next);
                }}
                data-testid={`imports-map-${field.field}`}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
