/** Correction requests of codes in scope: accept (a colour for some hours) or reject, with a note. */
import { Button, Card, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CODE_COLOURS, type CorrectionSummary } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { COLOUR_HEX, healthCodeApi, healthCodeKeys } from './healthcode-api';

interface Review {
  note: string;
  colour?: 'green' | 'yellow' | 'red';
  hours?: number;
}

export function CorrectionsPanel() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [reviewing, setReviewing] = useState<{ c: CorrectionSummary; decision: 'accept' | 'reject' } | null>(null);
  const [form] = Form.useForm<Review>();
  const list = useQuery({ queryKey: [...healthCodeKeys.corrections, page], queryFn: ({ signal }) => healthCodeApi.corrections({ page, pageSize: 20 }, signal) });
  const review = useMutation({
    mutationFn: (v: Review) => healthCodeApi.review(reviewing!.c, { decision: reviewing!.decision, note: v.note, ...(reviewing!.decision === 'accept' ? { colour: v.colour ?? 'green', hours: v.hours ?? 24 } : {}) }),
    onSuccess: () => {
      setReviewing(null);
      form.resetFields();
      feedback.success(t('healthcode.correction.reviewed'));
      void client.invalidateQueries({ queryKey: healthCodeKeys.all });
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <Card size="small" data-testid="healthcode-corrections">
      <Table<CorrectionSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { key: 'createdAt', title: t('healthcode.correction.createdAt'), render: (_, c) => formatDateTime(c.createdAt, locale) },
          { key: 'colour', title: t('healthcode.correction.colourAtRequest'), render: (_, c) => <Tag color={COLOUR_HEX[c.colourAtRequest]}>{enumLabel(t, 'codeColour', c.colourAtRequest)}</Tag> },
          { key: 'reason', title: t('healthcode.correction.reason'), dataIndex: 'reason' },
          { key: 'status', title: t('healthcode.correction.status'), render: (_, c) => enumLabel(t, 'correctionStatus', c.status) },
          {
            key: 'act',
            title: '',
            render: (_, c) =>
              c.status === 'pending' ? (
                <>
                  <Button size="small" type="primary" onClick={() => setReviewing({ c, decision: 'accept' })} data-testid={`healthcode-accept-${c.id}`}>{t('healthcode.correction.accept')}</Button>{' '}
                  <Button size="small" danger onClick={() => setReviewing({ c, decision: 'reject' })}>{t('healthcode.correction.reject')}</Button>
                </>
              ) : (
                c.reviewNote
              ),
          },
        ]}
      />
      <Modal open={reviewing !== null} title={reviewing ? t(`healthcode.correction.${reviewing.decision}`) : ''} onCancel={() => setReviewing(null)} onOk={() => form.submit()} confirmLoading={review.isPending}>
        <Form form={form} layout="vertical" onFinish={(v) => review.mutate(v)}>
          {reviewing?.decision === 'accept' && (
            <>
              <Form.Item name="colour" label={t('healthcode.correction.colour')} initialValue="green">
                <Select options={CODE_COLOURS.map((c) => ({ value: c, label: enumLabel(t, 'codeColour', c) }))} />
              </Form.Item>
              <Form.Item name="hours" label={t('healthcode.correction.hours')} initialValue={24}>
                <InputNumber min={1} max={336} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('healthcode.correction.note')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
