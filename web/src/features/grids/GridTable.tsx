import { Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Grid } from '@gridgov/contracts';
import type { Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { serverPagination } from '../../app/pagination';

interface Props {
  page: Page<Grid> | null;
  loading: boolean;
  selectedId: string | null;
  canWrite: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onRowClick: (grid: Grid) => void;
  onEdit: (grid: Grid) => void;
  onDelete: (grid: Grid) => void;
}

export function GridTable({ page, loading, selectedId, canWrite, onPageChange, onRowClick, onEdit, onDelete }: Props) {
  const { t } = useI18n();
  const columns: TableColumnsType<Grid> = [
    { key: 'name', title: t('grids.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'code', title: t('grids.code'), dataIndex: 'code' },
    { key: 'community', title: t('grids.community'), dataIndex: 'regionName' },
    { key: 'households', title: t('grids.targetHouseholds'), dataIndex: 'targetHouseholds', align: 'right' },
    {
      key: 'workers',
      title: t('grids.workers'),
      render: (_value, grid) => (grid.workers.length ? grid.workers.map((worker) => worker.displayName).join('、') : '—'),
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_value, grid) => (
        <Space size="small" onClick={(event) => event.stopPropagation()}>
          <Button type="link" size="small" onClick={() => onEdit(grid)} data-testid={`grid-edit-${grid.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('grids.deleteConfirm', { name: grid.name })} onConfirm={() => onDelete(grid)} okButtonProps={{ danger: true }}>
            <Button type="link" size="small" danger data-testid={`grid-delete-${grid.id}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return (
    <div data-testid="grids-table">
      <Table<Grid>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={loading}
        onRow={(grid) => ({
          onClick: () => onRowClick(grid),
          style: { cursor: 'pointer', background: grid.id === selectedId ? '#fff7e6' : undefined },
        })}
        pagination={serverPagination(page, { page: 1, pageSize: 20 }, onPageChange, t)}
      />
    </div>
  );
}
