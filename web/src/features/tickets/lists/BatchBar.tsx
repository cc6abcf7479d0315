/**
 * Batch actions on the tickets selected in a list (accept, dispatch, supervise, close). The
 * server takes each ticket through the single action's rules; what happened to each is shown,
 * by ticket number, and the list is read again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Ticket, TicketBatchAction, TicketBatchResult } from '@gridgov/contracts';
import { ticketsApi, ticketChanged } from '../../../api/tickets';
import { useI18n } from '../../../i18n/i18n';
import { DepartmentSelect } from '../shared/DepartmentSelect';

interface Props {
  slug: string;
  selected: Ticket[];
  onDone: () => void;
}

const ACTIONS: readonly TicketBatchAction[] = ['accept', 'dispatch', 'supervise', 'close'];

export function BatchBar({ slug, selected, onDone }: Props) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [asking, setAsking] = useState<TicketBatchAction | null>(null);
  const [result, setResult] = useState<TicketBatchResult | null>(null);
  const [form] = Form.useForm<{ note?: string; departmentIds?: string[] }>();
  const run = useMutation({
    mutationFn: (values: { note?: string; departmentIds?: string[] }) =>
      ticketsApi.batch({
        action: asking!,
        items: selected.map((s) => ({ id: s.id, version: s.version })),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        ...(values.departmentIds?.length ? { departmentIds: values.departmentIds } : {}),
      }),
    onSuccess: async (answer) => {
      setResult(answer);
      setAsking(null);
      form.resetFields();
      onDone();
      await ticketChanged(client);
    },
  });
  const numberOf = (id: string) => selected.find((s) => s.id === id)?.number ?? null;
  const done = result?.items.filter((i) => i.ok).length ?? 0;

  return (
    <>
      {selected.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }} data-testid={`${slug}-batch`}>
          <Typography.Text>{t('ticket.batch.selected', { count: selected.length })}</Typography.Text>
          {ACTIONS.map((action) => (
            <Button key={action} onClick={() => setAsking(action)} data-testid={`${slug}-batch-${action}`}>
              {t(`ticket.batch.${action}`)}
            </Button>
          ))}
        </Space>
      )}
      {result && (
        <Alert
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 12 }}
          type={done === result.items.length ? 'success' : done === 0 ? 'error' : 'warning'}
          message={t('ticket.batch.result', { done, total: result.items.length })}
          data-testid={`${slug}-batch-result`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.items.map((item) => (
                <li key={item.id} data-testid={`${slug}-batch-item`}>
                  {item.number ?? numberOf(item.id) ?? t('ticket.batch.unknown')}: {item.ok ? t('ticket.batch.ok') : item.error?.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Modal
        open={asking !== null}
        title={asking ? t(`ticket.batch.${asking}`) : ''}
        okText={asking ? t(`ticket.batch.${asking}`) : ''}
        cancelText={t('common.cancel')}
        confirmLoading={run.isPending}
        onCancel={() => setAsking(null)}
        onOk={() => void form.validateFields().then((values) => run.mutate(values))}
        destroyOnHidden
        data-testid={`${slug}-batch-dialog`}
      >
        <Typography.Paragraph>{t('ticket.batch.confirm', { count: selected.length })}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          {asking === 'dispatch' && (
            <Form.Item name="departmentIds" label={t('ticket.batch.departments')} rules={[{ required: true, message: t('ticket.batch.departmentsRequired') }]}>
              <DepartmentSelect data-testid={`${slug}-batch-departments`} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('ticket.batch.note')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid={`${slug}-batch-note`} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
