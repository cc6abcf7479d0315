/** My recent imports: status, counts, and the error report of each. */
import { Button, Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { ImportJob, ImportStatus } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { serverPagination } from '../../../app/pagination';
import { importsApi, saveFile } from '../../../api/transfers';
import type { Page } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { enumLabel, registerLabel } from '../shared/labels';

const STATUS_COLOR: Record<ImportStatus, string> = { uploaded: 'default', queued: 'processing', running: 'processing', done: 'green', failed: 'red' };

/** `reloadKey` changes when the wizard has started or finished an import. */
export function RecentImports({ reloadKey }: { reloadKey: number }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [list, setList] = useState<Page<ImportJob> | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    importsApi
      .list(paging.page, paging.pageSize, controller.signal)
      .then(setList)
      .catch((err: unknown) => feedback.error(err))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [paging, reloadKey, feedback]);

  async function report(job: ImportJob) {
    try {
      saveFile(await importsApi.errorReport(job.id));
    } catch (err) {
      feedback.error(err);
    }
  }

  const columns: TableColumnsType<ImportJob> = [
    { key: 'at', title: t('import.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at, locale) },
    { key: 'register', title: t('import.register'), dataIndex: 'register', render: (register: ImportJob['register']) => registerLabel(t, register) },
    { key: 'file', title: t('import.file'), dataIndex: 'fileName', ellipsis: true },
    { key: 'status', title: t('export.status'), dataIndex: 'status', render: (status: ImportStatus) => <Tag color={STATUS_COLOR[status]}>{enumLabel(t, 'importStatus', status)}</Tag> },
    { key: 'total', title: t('import.totalRows'), align: 'right', render: (_value, job) => job.totalRows ?? '—' },
    { key: 'created', title: t('import.createdRows'), dataIndex: 'createdRows', align: 'right' },
    { key: 'updated', title: t('import.updatedRows'), dataIndex: 'updatedRows', align: 'right' },
    { key: 'unchanged', title: t('import.unchangedRows'), dataIndex: 'unchangedRows', align: 'right' },
    { key: 'failed', title: t('import.failedRows'), dataIndex: 'failedRows', align: 'right' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_value, job) =>
        job.hasErrorReport ? (
          <Button type="link" size="small" danger onClick={() => void report(job)}>
            {t('import.errorReport')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title={t('import.recent')} style={{ marginTop: 16 }} data-testid="imports-recent">
      <Table<ImportJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(list, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
      />
    </Card>
  );
}
