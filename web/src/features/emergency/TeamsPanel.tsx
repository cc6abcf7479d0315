/** Rescue teams: availability, on duty now, dispatches under way, last position; a keeper adds or changes a team, its members (a resident or a staff account) and duty shifts. */
import { Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { TEAM_AVAILABILITIES, type EmergencyTeam, type TeamAvailability } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import { emergencyApi, emergencyKeys } from './emergency-api';

interface TeamValues {
  name: string;
  kind: string;
  regionCode: string;
  skills: string[];
  availability: TeamAvailability;
  equipment: { name: string; quantity: number }[];
}

export function TeamsPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<EmergencyTeam | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm<TeamValues>();
  const [memberForm] = Form.useForm<{ link: 'staff' | 'resident'; id: string; role: 'leader' | 'member' }>();
  const [shiftForm] = Form.useForm<{ memberId: string; range: [Dayjs, Dayjs] }>();
  const teams = useQuery({ queryKey: emergencyKeys.teams, queryFn: ({ signal }) => emergencyApi.teams(signal) });
  const detail = useQuery({ queryKey: emergencyKeys.team(open ?? ''), queryFn: ({ signal }) => emergencyApi.team(open!, signal), enabled: Boolean(open) });
  const keeps = holds('emergency:team', me.permissions) && !me.scope.gridId;
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: emergencyKeys.teams });
    if (open) await client.invalidateQueries({ queryKey: emergencyKeys.team(open) });
  };
  const save = useMutation({
    mutationFn: (v: TeamValues) => (editing && editing !== 'new' ? emergencyApi.updateTeam(editing.id, editing.version, v) : emergencyApi.createTeam(v)),
    onSuccess: async () => { setEditing(null); await refresh(); },
    onError: (error) => feedback.error(error),
  });
  const addMember = useMutation({
    mutationFn: (v: { link: 'staff' | 'resident'; id: string; role: 'leader' | 'member' }) => emergencyApi.addMember(open!, { ...(v.link === 'staff' ? { userId: v.id.trim() } : { residentId: v.id.trim() }), role: v.role }),
    onSuccess: async () => { memberForm.resetFields(); await refresh(); },
    onError: (error) => feedback.error(error),
  });
  const addShift = useMutation({
    mutationFn: (v: { memberId: string; range: [Dayjs, Dayjs] }) => emergencyApi.addShift(open!, { memberId: v.memberId, startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString() }),
    onSuccess: async () => { shiftForm.resetFields(); await refresh(); },
    onError: (error) => feedback.error(error),
  });
  const d = detail.data;
  return (
    <>
      {keeps && (
        <Button type="primary" style={{ marginBottom: 12 }} data-testid="emergency-team-add" onClick={() => { form.setFieldsValue({ regionCode: me.scope.regionCode, skills: [], equipment: [], availability: 'available' }); setEditing('new'); }}>
          {t('emergency.team.add')}
        </Button>
      )}
      <Table<EmergencyTeam> rowKey="id" size="small" loading={teams.isLoading} dataSource={teams.data ?? []} pagination={false} data-testid="emergency-teams"
        onRow={(x) => ({ onClick: () => setOpen(x.id), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', title: t('emergency.field.team'), dataIndex: 'name' },
          { key: 'kind', title: t('emergency.team.kind'), dataIndex: 'kind' },
          { key: 'region', title: t('emergency.field.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'availability', title: t('emergency.team.availability'), dataIndex: 'availability', render: (a: TeamAvailability) => <Tag color={a === 'available' ? 'green' : 'default'}>{enumLabel(t, 'teamAvailability', a)}</Tag> },
          { key: 'duty', title: t('emergency.team.onDuty'), render: (_: unknown, x) => `${x.onDuty} / ${x.members}` },
          { key: 'active', title: t('emergency.team.active'), dataIndex: 'activeDispatches' },
          { key: 'skills', title: t('emergency.team.skills'), dataIndex: 'skills', responsive: ['lg'], render: (s: string[]) => s.join('、') },
          { key: 'pos', title: t('emergency.team.position'), dataIndex: 'position', responsive: ['xl'], render: (p: EmergencyTeam['position']) => (p ? `${p.lng.toFixed(4)}, ${p.lat.toFixed(4)} · ${formatDateTime(p.at, locale)}` : '—') },
          ...(keeps ? [{ key: 'edit', title: '', render: (_: unknown, x: EmergencyTeam) => x.editable && <Button size="small" onClick={(ev) => { ev.stopPropagation(); form.setFieldsValue(x); setEditing(x); }}>{t('emergency.edit')}</Button> }] : []),
        ]} />
      {editing && (
        <Modal open title={editing === 'new' ? t('emergency.team.add') : editing.name} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} width={600}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Form.Item name="name" label={t('emergency.field.team')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="kind" label={t('emergency.team.kind')} rules={[{ required: true, whitespace: true }]}><Input maxLength={40} /></Form.Item>
            <Form.Item name="regionCode" label={t('emergency.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item name="availability" label={t('emergency.team.availability')}><Select options={TEAM_AVAILABILITIES.map((a) => ({ value: a, label: enumLabel(t, 'teamAvailability', a) }))} /></Form.Item>
            <Form.Item name="skills" label={t('emergency.team.skills')}><Select mode="tags" /></Form.Item>
            <Form.List name="equipment">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}><Input placeholder={t('emergency.team.equipment')} maxLength={60} /></Form.Item>
                      <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}><InputNumber min={0} max={100000} precision={0} /></Form.Item>
                      <Button onClick={() => remove(f.name)}>−</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ name: '', quantity: 1 })}>{t('emergency.team.addEquipment')}</Button>
                </>
              )}
            </Form.List>
          </Form>
        </Modal>
      )}
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} width={640} title={d?.name ?? ''}>
        {d && (
          <>
            <p>{d.kind} · {d.regionName} · {d.equipment.map((x) => `${x.name}×${x.quantity}`).join('、') || '—'}</p>
            <Table rowKey="id" size="small" pagination={false} dataSource={d.memberList}
              columns={[
                { key: 'name', title: t('emergency.team.member'), dataIndex: 'name' },
                { key: 'link', title: '', dataIndex: 'link', render: (l: string) => t(`emergency.team.link.${l as 'staff' | 'resident'}`) },
                { key: 'role', title: '', dataIndex: 'role', render: (r: string) => (r === 'leader' ? <Tag color="blue">{t('emergency.team.leader')}</Tag> : null) },
                { key: 'duty', title: t('emergency.team.onDuty'), dataIndex: 'onDuty', render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : '—') },
              ]} />
            <h4 style={{ marginTop: 16 }}>{t('emergency.team.roster')}</h4>
            <Table rowKey="id" size="small" pagination={false} dataSource={d.roster}
              columns={[
                { key: 'm', title: t('emergency.team.member'), dataIndex: 'memberName' },
                { key: 's', title: t('emergency.team.shift'), render: (_: unknown, r: { startsAt: string; endsAt: string }) => `${formatDateTime(r.startsAt, locale)} — ${formatDateTime(r.endsAt, locale)}` },
              ]} />
            {d.editable && (
              <>
                <h4 style={{ marginTop: 16 }}>{t('emergency.team.addMember')}</h4>
                <Form form={memberForm} layout="inline" initialValues={{ link: 'staff', role: 'member' }} onFinish={(v) => addMember.mutate(v)}>
                  <Form.Item name="link"><Select style={{ width: 110 }} options={(['staff', 'resident'] as const).map((l) => ({ value: l, label: t(`emergency.team.link.${l}`) }))} /></Form.Item>
                  <Form.Item name="id" rules={[{ required: true, whitespace: true }]}><Input placeholder={t('emergency.team.linkId')} style={{ width: 220 }} /></Form.Item>
                  <Form.Item name="role"><Select style={{ width: 90 }} options={[{ value: 'member', label: t('emergency.team.memberRole') }, { value: 'leader', label: t('emergency.team.leader') }]} /></Form.Item>
                  <Button htmlType="submit" loading={addMember.isPending}>+</Button>
                </Form>
                <h4 style={{ marginTop: 16 }}>{t('emergency.team.addShift')}</h4>
                <Form form={shiftForm} layout="inline" onFinish={(v) => addShift.mutate(v)}>
                  <Form.Item name="memberId" rules={[{ required: true }]}><Select style={{ width: 140 }} options={d.memberList.map((m) => ({ value: m.id, label: m.name }))} /></Form.Item>
                  <Form.Item name="range" rules={[{ required: true }]}><DatePicker.RangePicker showTime /></Form.Item>
                  <Button htmlType="submit" loading={addShift.isPending}>+</Button>
                </Form>
              </>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
