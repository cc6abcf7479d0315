/** Step 4 of an import: progress while the job runs, then the counts and the error report. */
import { Alert, Button, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import type { ImportJob } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { importsApi, saveFile } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';

export function isRunning(job: ImportJob): boolean {
  return job.status === 'queued' || job.status === 'running';
}

export function ProgressStep({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [downloading, setDownloading] = useState(false);
  const total = job.totalRows ?? 0;
  const percent = job.status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((job.processedRows / total) * 100)) : 0;
  const running = isRunning(job);

  async function downloadReport() {
    setDownloading(true);
    try {
      saveFile(await importsApi.errorReport(job.id));
    } catch (err) {
      feedback.error(err);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <div data-testid="imports-progress" data-status={job.status}>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
        data-testid="imports-progress-bar"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {job.status === 'queued' && job.processedRows === 0 ? t('import.waiting') : t('import.progress', { processed: job.processedRows, total: job.totalRows ?? '…' })}
      </Typography.Paragraph>
      {job.status === 'done' && <Alert type={job.failedRows > 0 ? 'warning' : 'success'} showIcon title={t('import.done')} style={{ marginBottom: 16 }} />}
      {job.status === 'failed' && (
        <Alert type="error" showIcon title={t('import.failed')} description={job.failure?.message} style={{ marginBottom: 16 }} data-testid="imports-failure" />
      )}
      {!running && (
        <div data-testid="imports-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}>
              <Statistic title={t('import.totalRows')} value={job.totalRows ?? job.processedRows} />
            </Col>
            <Col span={5}>
              <span data-testid="imports-created">
                <Statistic title={t('import.createdRows')} value={job.createdRows} styles={{ content: { color: '#389e0d' } }} />
              </span>
            </Col>
            <Col span={5}>
              <span data-testid="imports-updated">
                <Statistic title={t('import.updatedRows')} value={job.updatedRows} styles={{ content: { color: '#1756a9' } }} />
              </span>
            </Col>
            <Col span={5}>
              <span data-testid="imports-unchanged">
                <Statistic title={t('import.unchangedRows')} value={job.unchangedRows} />
              </span>
            </Col>
            <Col span={5}>
              <span data-testid="imports-failed">
                <Statistic title={t('import.failedRows')} value={job.failedRows} styles={{ content: { color: job.failedRows ? '#cf1322' : undefined } }} />
              </span>
            </Col>
          </Row>
          {job.hasErrorReport && (
            <Space orientation="vertical">
              <Typography.Text type="secondary">{t('import.errorReportHint')}</Typography.Text>
              <Button danger loading={downloading} onClick={() => void downloadReport()} data-testid="imports-error-report">
                {t('import.errorReport')}
              </Button>
            </Space>
          )}
        </div>
      )}
    </div>
  );
}
