/**
 * The uploads of mine that were not started: resume one at its mapping, or delete it. Uploads
 * left for a day are deleted by the server anyway (they hold personal data).
 */
import { Button, Card, List, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ImportJob } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { withTestId } from '../../../app/test-id';
import { importsApi } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';
import { registerLabel } from '../shared/labels';

interface Props {
  /** Changes when the wizard has uploaded or started an import. */
  reloadKey: number;
  onResume: (job: ImportJob) => void;
}

export function UnfinishedImports({ reloadKey, onResume }: Props) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [items, setItems] = useState<ImportJob[]>([]);
  const [removed, setRemoved] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    importsApi
      .list(1, 20, controller.signal, 'uploaded')
      .then((page) => setItems(page.items))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) feedback.error(err);
      });
    return () => controller.abort();
  }, [reloadKey, removed, feedback]);

  async function discard(job: ImportJob) {
    try {
      await importsApi.discard(job.id);
      feedback.success(t('import.discarded'));
      setRemoved((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  }

  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('import.unfinished')} data-testid="imports-unfinished">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('import.unfinishedHint')}
      </Typography.Paragraph>
      <List<ImportJob>
        size="small"
        dataSource={items}
        renderItem={(job) => (
          <List.Item
            data-testid="imports-unfinished-item"
            actions={[
              <Button key="resume" type="link" size="small" onClick={() => onResume(job)} data-testid="imports-resume">
                {t('import.resume')}
              </Button>,
              <Popconfirm key="discard" title={t('import.discardConfirm')} onConfirm={() => void discard(job)} okButtonProps={withTestId({}, 'imports-discard-confirm')}>
                <Button type="link" size="small" danger data-testid="imports-discard">
                  {t('import.discard')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{job.fileName}</Typography.Text>
              <Typography.Text type="secondary">
                {registerLabel(t, job.register)} · {formatDateTime(job.createdAt, locale)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
