/** Emergency plans (预案): for a type and level, the command post, the tasks (each with the team it dispatches) and the notifications to roles made on activation. */
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EMERGENCY_LEVELS, EMERGENCY_TYPES, ROLES, type EmergencyLevel, type EmergencyPlan, type EmergencyTypeCode, type PlanNotification, type PlanRequest, type Role } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { emergencyApi, emergencyKeys } from './emergency-api';
import { levelTag, typeLabel } from './parts';

interface PlanValues {
  name: string;
  type: EmergencyTypeCode;
  subType?: string;
  level: EmergencyLevel;
  regionCode: string;
  post?: { name?: string; address?: string; lng?: number; lat?: number };
  tasks: { key: string; title: string; teamId?: string }[];
  roles: { role: Role; text: string }[];
}

export function PlansPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<EmergencyPlan | 'new' | null>(null);
  const [form] = Form.useForm<PlanValues>();
  const type = Form.useWatch('type', form);
  const plans = useQuery({ queryKey: emergencyKeys.plans, queryFn: ({ signal }) => emergencyApi.plans(signal) });
  const teams = useQuery({ queryKey: emergencyKeys.teams, queryFn: ({ signal }) => emergencyApi.teams(signal), enabled: Boolean(editing) });
  const keeps = holds('emergency:plan', me.permissions) && !me.scope.gridId;
  const done = async () => { setEditing(null); await client.invalidateQueries({ queryKey: emergencyKeys.plans }); };
  const save = useMutation({
    mutationFn: (v: PlanValues) => {
      // Notifications to named accounts are kept as they were (the API sets them).
      const kept = editing && editing !== 'new' ? editing.notifications.filter((n) => n.to === 'users') : [];
      const plan: PlanRequest = {
        name: v.name, type: v.type, ...(v.subType ? { subType: v.subType } : {}), level: v.level, regionCode: v.regionCode,
        ...(v.post?.name && v.post.address && v.post.lng && v.post.lat ? { commandPost: { name: v.post.name, address: v.post.address, lng: v.post.lng, lat: v.post.lat } } : {}),
        tasks: (v.tasks ?? []).map((x) => ({ key: x.key, title: x.title, ...(x.teamId ? { teamId: x.teamId } : {}) })),
        notifications: [...(v.roles ?? []).map((r): PlanNotification => ({ to: 'role', role: r.role, text: r.text })), ...kept],
      };
      return editing && editing !== 'new' ? emergencyApi.updatePlan(editing.id, editing.version, plan) : emergencyApi.createPlan(plan);
    },
    onSuccess: done,
    onError: (error) => feedback.error(error),
  });
  const remove = useMutation({ mutationFn: (id: string) => emergencyApi.deletePlan(id), onSuccess: done, onError: (error) => feedback.error(error) });
  const edit = (p: EmergencyPlan | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      p === 'new'
        ? { regionCode: me.scope.regionCode, level: 'IV', tasks: [], roles: [] }
        : { name: p.name, type: p.type as EmergencyTypeCode, subType: p.subType ?? undefined, level: p.level, regionCode: p.regionCode, post: p.commandPost ?? {}, tasks: p.tasks.map((x) => ({ key: x.key, title: x.title, teamId: x.teamId })),
            roles: p.notifications.flatMap((n) => (n.to === 'role' ? [{ role: n.role, text: n.text }] : [])) },
    );
    setEditing(p);
  };
  return (
    <>
      {keeps && <Button type="primary" style={{ marginBottom: 12 }} data-testid="emergency-plan-add" onClick={() => edit('new')}>{t('emergency.plan.add')}</Button>}
      <Table<EmergencyPlan> rowKey="id" size="small" loading={plans.isLoading} dataSource={plans.data ?? []} pagination={false} data-testid="emergency-plans"
        columns={[
          { key: 'name', title: t('emergency.plan.name'), dataIndex: 'name' },
          { key: 'type', title: t('emergency.field.type'), dataIndex: 'type', render: (v: string, p) => typeLabel(locale, v, p.subType) },
          { key: 'level', title: t('emergency.field.level'), dataIndex: 'level', render: (l: EmergencyLevel) => levelTag(t, l) },
          { key: 'region', title: t('emergency.field.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'post', title: t('emergency.commandPost'), dataIndex: 'commandPost', responsive: ['lg'], render: (c: EmergencyPlan['commandPost']) => c?.name ?? '—' },
          { key: 'tasks', title: t('emergency.tasks'), dataIndex: 'tasks', render: (ts: EmergencyPlan['tasks']) => ts.map((x) => (x.teamName ? `${x.title}（${x.teamName}）` : x.title)).join('；') },
          ...(keeps ? [{ key: 'ops', title: '', render: (_: unknown, p: EmergencyPlan) => (
            <Space>
              <Button size="small" onClick={() => edit(p)}>{t('emergency.edit')}</Button>
              <Popconfirm title={t('emergency.plan.deleteConfirm')} onConfirm={() => remove.mutate(p.id)}><Button size="small" danger>{t('emergency.delete')}</Button></Popconfirm>
            </Space>
          ) }] : []),
        ]} />
      {editing && (
        <Modal open width={760} title={editing === 'new' ? t('emergency.plan.add') : editing.name} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Form.Item name="name" label={t('emergency.plan.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Space wrap>
              <Form.Item name="type" label={t('emergency.field.type')} rules={[{ required: true }]}><Select style={{ width: 170 }} onChange={() => form.setFieldValue('subType', undefined)} options={EMERGENCY_TYPES.map((x) => ({ value: x.code, label: typeLabel(locale, x.code) }))} /></Form.Item>
              <Form.Item name="subType" label={t('emergency.field.subType')}><Select allowClear style={{ width: 170 }} options={(EMERGENCY_TYPES.find((x) => x.code === type)?.subTypes ?? []).map((s) => ({ value: s.code, label: locale === 'en' ? s.en : s.zh }))} /></Form.Item>
              <Form.Item name="level" label={t('emergency.field.level')} rules={[{ required: true }]}><Select style={{ width: 160 }} options={EMERGENCY_LEVELS.map((l) => ({ value: l, label: enumLabel(t, 'emergencyLevel', l) }))} /></Form.Item>
              <Form.Item name="regionCode" label={t('emergency.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} style={{ width: 150 }} /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name={['post', 'name']} label={t('emergency.commandPost')}><Input maxLength={100} /></Form.Item>
              <Form.Item name={['post', 'address']} label={t('emergency.field.address')}><Input maxLength={200} /></Form.Item>
              <Form.Item name={['post', 'lng']} label={t('emergency.field.lng')}><InputNumber min={73} max={136} step={0.0001} /></Form.Item>
              <Form.Item name={['post', 'lat']} label={t('emergency.field.lat')}><InputNumber min={3} max={54} step={0.0001} /></Form.Item>
            </Space>
            <h4>{t('emergency.tasks')}</h4>
            <Form.List name="tasks">
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z0-9_-]{1,40}$/ }]}><Input placeholder={t('emergency.plan.taskKey')} style={{ width: 110 }} /></Form.Item>
                      <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true }]}><Input placeholder={t('emergency.field.task')} style={{ width: 220 }} /></Form.Item>
                      <Form.Item name={[f.name, 'teamId']}><Select allowClear placeholder={t('emergency.field.team')} style={{ width: 200 }} options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
                      <Button onClick={() => drop(f.name)}>−</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ key: `task${fields.length + 1}`, title: '' })}>{t('emergency.plan.addTask')}</Button>
                </>
              )}
            </Form.List>
            <h4 style={{ marginTop: 12 }}>{t('emergency.plan.notifications')}</h4>
            <Form.List name="roles">
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}><Select style={{ width: 150 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} /></Form.Item>
                      <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true }]}><Input placeholder={t('emergency.plan.text')} style={{ width: 360 }} maxLength={500} /></Form.Item>
                      <Button onClick={() => drop(f.name)}>−</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ role: 'operator', text: '' })}>{t('emergency.plan.addNotification')}</Button>
                </>
              )}
            </Form.List>
          </Form>
        </Modal>
      )}
    </>
  );
}
