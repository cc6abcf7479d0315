/** 今日随访 (phone-first): today's follow-ups of the reader's grid; record temperature, symptoms and the test result on test days; works offline. */
import { Button, Card, Empty, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TEST_RESULTS, type TestResult, type TodayFollowUp } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { PendingSubmissions } from '../../shared/offline/PendingSubmissions';
import { newSubmissionId } from '../../shared/offline/policy';
import { useOfflineSubmit } from '../../shared/offline/queue';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { followUpKind } from './offline-followup';
import { quarantineApi, quarantineKeys, quarantinePurpose } from './quarantine-api';

const SYMPTOMS = ['发热', '咳嗽', '乏力', '咽痛', '嗅觉减退', '腹泻'];

interface Values {
  temperature: number;
  symptoms?: string[];
  testResult?: TestResult;
}

function Entry({ item, onDone }: { item: TodayFollowUp; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const offline = useOfflineSubmit(followUpKind);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async (v: Values) => {
    setBusy(true);
    try {
      const outcome = await offline.submit(
        { orderId: item.orderId, label: `${item.orderNo} ${item.name ?? ''} ${item.day}`, body: { day: item.day, temperature: v.temperature, symptoms: v.symptoms ?? [], ...(v.testResult ? { testResult: v.testResult } : {}) } },
        [],
        { id: newSubmissionId() },
      );
      if (outcome.status === 'queued') feedback.success(t('quarantine.today.queued'));
      else feedback.success(outcome.result.fever ? t('quarantine.today.feverAlert') : t('quarantine.today.recorded'));
      setOpen(false);
      onDone();
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ width: '100%' }} data-testid={`quarantine-today-${item.orderNo}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{item.orderNo} {item.name}</Typography.Text>
          <Tag>{enumLabel(t, 'quarantineKind', item.kind)}{item.siteName ? ` · ${item.siteName}` : ''}</Tag>
          <Tag>{t('quarantine.dayOf', { n: item.dayNo, total: item.totalDays })}</Tag>
          {item.testDue && <Tag color="blue">{t('quarantine.testDue')}</Tag>}
          <Tag color={item.status === 'done' ? 'green' : 'gold'} data-testid="quarantine-today-status">{enumLabel(t, 'followupStatus', item.status)}</Tag>
          {item.temperature !== null && <Tag color={item.temperature >= 38 ? 'red' : 'default'}>{item.temperature.toFixed(1)}℃</Tag>}
        </Space>
        {!open ? (
          <Button type="primary" block onClick={() => setOpen(true)} data-testid="quarantine-today-open">
            {t('quarantine.today.record')}
          </Button>
        ) : (
          <Form<Values> layout="vertical" onFinish={(v) => void save(v)} initialValues={{ symptoms: [] }}>
            <Form.Item name="temperature" label={t('quarantine.field.temperature')} rules={[{ required: true }]}>
              <InputNumber min={34} max={43} step={0.1} precision={1} inputMode="decimal" style={{ width: '100%' }} data-testid="quarantine-today-temperature" />
            </Form.Item>
            <Form.Item name="symptoms" label={t('quarantine.field.symptoms')}>
              <Select mode="tags" options={SYMPTOMS.map((s) => ({ value: s, label: s }))} data-testid="quarantine-today-symptoms" />
            </Form.Item>
            {item.testDue && (
              <Form.Item name="testResult" label={t('quarantine.field.testResult')}>
                <Select options={TEST_RESULTS.map((r) => ({ value: r, label: enumLabel(t, 'testResult', r) }))} data-testid="quarantine-today-test" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="quarantine-today-save">
              {t('quarantine.today.record')}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}

function Today() {
  const { t } = useI18n();
  const today = useQuery({ queryKey: quarantineKeys.today, queryFn: ({ signal }) => quarantineApi.today(signal) });
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="quarantine-today">
      <Typography.Title level={4}>{t('quarantine.today.title')}</Typography.Title>
      <PendingSubmissions kind={followUpKind.kind} />
      {today.data && today.data.length === 0 ? (
        <Empty description={t('quarantine.today.empty')} />
      ) : (
        <List loading={today.isLoading} dataSource={today.data ?? []} split={false} renderItem={(item) => <List.Item><Entry item={item} onDone={() => void today.refetch()} /></List.Item>} />
      )}
    </div>
  );
}

export default function TodayPage() {
  return (
    <PurposeGate store={quarantinePurpose} testId="quarantine" introKey="quarantine.purposeIntro">
      <Today />
    </PurposeGate>
  );
}
