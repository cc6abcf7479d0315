/** Step 2 of an import: which column of the file feeds each register field (pre-filled). */
import { Alert, Select, Table, Tag, Typography } from 'antd';
import type { ImportJob } from '@gridgov/contracts';
import type { ImportMapping } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';

type Field = ImportJob['fields'][number];

interface Props {
  job: ImportJob;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Required fields without a column. */
export function unmappedRequired(job: ImportJob, mapping: ImportMapping): Field[] {
  return job.fields.filter((field) => field.required && !mapping[field.field]);
}

export function MappingStep({ job, mapping, onChange }: Props) {
  const { t } = useI18n();
  const used = new Set(Object.values(mapping));
  const missing = unmappedRequired(job, mapping);
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
        dataSource={job.fields}
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
