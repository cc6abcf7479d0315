/** Step 3 of an import: the dry run's first rows, cells with problems in red. */
import { Alert, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ImportJob, ImportPreview, ImportRowError } from '@gridgov/contracts';
import type { ImportMapping } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';
import { enumLabel, fieldEnum } from '../shared/labels';

type Row = ImportPreview['rows'][number];

interface Props {
  job: ImportJob;
  mapping: ImportMapping;
  preview: ImportPreview;
}

const errorCell = { background: '#fff1f0', boxShadow: 'inset 0 0 0 1px #ffa39e' };

function cellErrors(row: Row, field: string, column: string | undefined): ImportRowError[] {
  return row.errors.filter((error) => error.field === field || (column !== undefined && error.column === column));
}

export function PreviewStep({ job, mapping, preview }: Props) {
  const { t } = useI18n();
  const mapped = job.fields.filter((field) => mapping[field.field]);
  const known = new Set(mapped.flatMap((field) => [field.field, mapping[field.field]]));
  const columns: TableColumnsType<Row> = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    ...mapped.map((field) => ({
      key: field.field,
      title: field.label,
      onCell: (row: Row) => ({ style: cellErrors(row, field.field, mapping[field.field]).length ? errorCell : undefined }),
      render: (_value: unknown, row: Row) => {
        const stored = row.values[field.field] ?? '';
        // Stored enum codes read as their labels (户籍人口, not registered).
        const name = fieldEnum(job.register, field.field);
        const value = name && stored ? stored.split(/[,，、]/).map((part) => enumLabel(t, name, part.trim())).join('、') : stored;
        const errors = cellErrors(row, field.field, mapping[field.field]);
        if (errors.length === 0) return value;
        return (
          <Tooltip title={errors.map((error) => error.message).join('；')}>
            <span data-testid={`imports-preview-error-${row.row}-${field.field}`}>{value || '　'}</span>
          </Tooltip>
        );
      },
    })),
    // The grid each row goes to, as the server found it (by code, name, address or the one chosen).
    ...(preview.rows.some((row) => row.values.gridName)
      ? [{ key: 'gridName', title: t('import.previewGrid'), render: (_value: unknown, row: Row) => row.values.gridName ?? '—' }]
      : []),
    {
      key: 'rowErrors',
      title: t('import.rowErrors'),
      render: (_value, row) => {
        // Problems not tied to a mapped column (a duplicate row, a missing reference).
        const others = row.errors.filter((error) => !(error.field && known.has(error.field)) && !(error.column && known.has(error.column)));
        return others.length ? <Typography.Text type="danger">{others.map((error) => error.message).join('；')}</Typography.Text> : null;
      },
    },
  ];
  return (
    <div data-testid="imports-preview">
      <Alert
        type={preview.failedRows > 0 ? 'warning' : 'success'}
        showIcon
        title={t('import.previewSummary', { checked: preview.checkedRows, failed: preview.failedRows })}
        description={t('import.previewFirst', { n: preview.rows.length })}
        style={{ marginBottom: 12 }}
        data-testid="imports-preview-summary"
      />
      <div data-testid="imports-preview-table">
        <Table<Row> rowKey="row" size="small" pagination={false} scroll={{ x: 'max-content', y: 420 }} dataSource={preview.rows} columns={columns} />
      </div>
    </div>
  );
}
