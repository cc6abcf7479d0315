/**
 * One device's activity, from the device list: its latest messages (status, events, command
 * confirmations; whom a gate recognised is never shown) and its commands with their state, and,
 * for holders of `device:command`, the form that sends one (loudspeaker or display text to a
 * street light, open or close to a gate).
 */
import { Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommandRequest, Device, DeviceCommand, DeviceMessage } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { showFieldProblems } from '../../shared/errors/field-errors';
import { sensingApi, sensingKeys } from './sensing-api';

const ACTIONS: Partial<Record<Device['kind'], CommandRequest['action'][]>> = { street_light: ['speak', 'display'], access_gate: ['gate_open', 'gate_close', 'display'] };
const COMMAND_COLOR: Record<DeviceCommand['status'], string> = { queued: 'default', sent: 'blue', confirmed: 'green', failed: 'red', expired: 'orange' };

export default function DeviceActivity({ device, onClose }: { device: Device; onClose: () => void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<{ action: CommandRequest['action']; text?: string }>();
  const actions = ACTIONS[device.kind] ?? [];
  const commands = holds('device:command', me.permissions) && !me.scope.gridId && device.protocol === 'mqtt' && device.status !== 'disabled' && actions.length > 0;
  const messages = useQuery({ queryKey: [...sensingKeys.activity(device.id), 'messages'], queryFn: ({ signal }) => sensingApi.messages(device.id, signal), refetchInterval: 10_000 });
  const sent = useQuery({ queryKey: [...sensingKeys.activity(device.id), 'commands'], queryFn: ({ signal }) => sensingApi.commands(device.id, signal), refetchInterval: 5_000 });
  const send = useMutation({
    mutationFn: (v: { action: CommandRequest['action']; text?: string }) => sensingApi.command(device.id, (v.action === 'speak' || v.action === 'display' ? { action: v.action, text: v.text ?? '' } : { action: v.action }) as CommandRequest),
    onSuccess: async () => { form.resetFields(['text']); await client.invalidateQueries({ queryKey: sensingKeys.activity(device.id) }); },
    onError: (error) => { if (!showFieldProblems(form, error, t, locale)) feedback.error(error); },
  });
  return (
    <Drawer open title={`${device.name}（${device.code}）`} width={Math.min(640, window.innerWidth)} onClose={onClose} data-testid="device-activity">
      {commands && (
        <Form form={form} layout="inline" initialValues={{ action: actions[0] }} onFinish={(v) => send.mutate(v)} style={{ marginBottom: 16 }} data-testid="device-command-form">
          <Form.Item name="action"><Select style={{ width: 130 }} options={actions.map((a) => ({ value: a, label: enumLabel(t, 'commandAction', a) }))} /></Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.action !== b.action}>
            {() => (['speak', 'display'].includes(form.getFieldValue('action') as string)
              ? <Form.Item name="text" rules={[{ required: true, whitespace: true }]}><Input maxLength={200} placeholder={t('activity.text')} style={{ width: 240 }} data-testid="device-command-text" /></Form.Item>
              : null)}
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="device-command-send">{t('activity.send')}</Button>
        </Form>
      )}
      <Typography.Title level={5}>{t('activity.commands')}</Typography.Title>
      <Table<DeviceCommand> rowKey="id" size="small" pagination={false} dataSource={sent.data ?? []} data-testid="device-commands" style={{ marginBottom: 16 }}
        locale={{ emptyText: t('activity.noCommands') }}
        columns={[
          { key: 'action', title: t('activity.action'), render: (_: unknown, c) => <Space>{enumLabel(t, 'commandAction', c.action)}<Typography.Text type="secondary">{String(c.params.text ?? '')}</Typography.Text></Space> },
          { key: 'status', title: t('activity.status'), dataIndex: 'status', render: (s: DeviceCommand['status']) => <Tag color={COMMAND_COLOR[s]}>{enumLabel(t, 'commandStatus', s)}</Tag> },
          { key: 'at', title: t('activity.at'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        ]} />
      <Typography.Title level={5}>{t('activity.messages')}</Typography.Title>
      <Table<DeviceMessage> rowKey={(m) => `${m.at}:${m.messageId}`} size="small" pagination={false} dataSource={messages.data ?? []} data-testid="device-messages"
        locale={{ emptyText: t('activity.noMessages') }}
        columns={[
          { key: 'at', title: t('activity.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
          { key: 'type', title: t('activity.type'), dataIndex: 'type', render: (v: string) => enumLabel(t, 'deviceMessageType', v) },
          { key: 'body', title: t('activity.body'), render: (_: unknown, m) => <Typography.Text code style={{ fontSize: 12 }}>{JSON.stringify(m.body)}</Typography.Text> },
        ]} />
    </Drawer>
  );
}
