/**
 * One event's view (the command centre switches into it): the map of its place, affected area,
 * command posts and the dispatched teams' last positions; its steps (verify, activate at a level,
 * scale, close); tasks with their dispatches (dispatch a team, the dispatch's own steps); the supply
 * requests made for it (their sites on the map); the timeline.
 */
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { EMERGENCY_LEVELS, type DispatchAction, type DispatchSummary, type EmergencyEventDetail, type EmergencyLevel, type EmergencyTask, type EventAction } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import type { GridFeatureCollection } from '../../api/types';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import type { MapPoint } from '../../shared/map/PointsMap';
import { EventSupplies, requestSitePoints, useEventRequests } from '../supplies/EventSupplies';
import { emergencyApi, emergencyKeys } from './emergency-api';
import { levelTag, statusTag, typeLabel } from './parts';
import { logisticsApi, logisticsKeys } from '../logistics/logistics-api';
import { trafficLayers } from '../logistics/traffic-map';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

function areaOutline(e: EmergencyEventDetail): GridFeatureCollection | null {
  if (!e.area) return null;
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: e.id, code: e.eventNo, name: e.title, regionCode: e.regionCode, targetHouseholds: 0 }, geometry: e.area }] };
}

export default function EventViewPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const id = useLocation().query.get('id') ?? '';
  const [stepping, setStepping] = useState<EventAction | null>(null);
  const [dispatching, setDispatching] = useState<EmergencyTask | null>(null);
  const [form] = Form.useForm<{ level?: EmergencyLevel; note?: string; teamId?: string; title?: string }>();
  const event = useQuery({ queryKey: emergencyKeys.event(id), queryFn: ({ signal }) => emergencyApi.event(id, signal), enabled: Boolean(id), refetchInterval: 30_000 });
  const traffic = useQuery({ queryKey: logisticsKeys.traffic({ eventId: id }), queryFn: ({ signal }) => logisticsApi.traffic({ eventId: id, page: 1, pageSize: 200 }, signal), enabled: Boolean(id), refetchInterval: 60_000 });
  const teams = useQuery({ queryKey: emergencyKeys.teams, queryFn: ({ signal }) => emergencyApi.teams(signal), enabled: Boolean(dispatching) });
  const refresh = (e?: EmergencyEventDetail) => {
    if (e) client.setQueryData(emergencyKeys.event(id), e);
    else void client.invalidateQueries({ queryKey: emergencyKeys.event(id) });
    void client.invalidateQueries({ queryKey: emergencyKeys.events });
  };
  const step = useMutation({
    mutationFn: (v: { level?: EmergencyLevel; note?: string }) => emergencyApi.step(event.data!, stepping!, { ...(v.level ? { level: v.level } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: (e) => { setStepping(null); refresh(e); },
    onError: (error) => feedback.error(error),
  });
  const dispatch = useMutation({
    mutationFn: (teamId: string) => emergencyApi.dispatch(id, dispatching!.id, teamId),
    onSuccess: (e) => { setDispatching(null); refresh(e); },
    onError: (error) => feedback.error(error),
  });
  const dispatchStep = useMutation({
    mutationFn: ({ d, action }: { d: DispatchSummary; action: DispatchAction }) => emergencyApi.dispatchStep(d, action, action === 'cancel' ? t('emergency.cancelNote') : undefined),
    onSuccess: () => refresh(),
    onError: (error) => feedback.error(error),
  });
  const addTask = useMutation({
    mutationFn: (title: string) => emergencyApi.addTask(id, title),
    onSuccess: (e) => refresh(e),
    onError: (error) => feedback.error(error),
  });
  const e = event.data;
  const requests = useEventRequests(id);
  const points = useMemo<MapPoint[]>(() => {
    if (!e) return [];
    return [
      { id: e.id, lon: e.lng, lat: e.lat, label: `${e.eventNo} ${e.title}`, highlight: true },
      ...e.commandPosts.map((c, i) => ({ id: `post-${i}`, lon: c.lng, lat: c.lat, label: `${t('emergency.commandPost')}：${c.name}`, color: '#722ed1' })),
      ...e.positions.map((p) => ({ id: `team-${p.teamId}`, lon: p.lng, lat: p.lat, label: `${p.teamName}（${formatDateTime(p.at, locale)}）`, color: '#389e0d' })),
      ...requestSitePoints(requests.data?.items ?? [], (r) => `${t('supplies.request.site')}：${r.siteName}`),
    ];
  }, [e, t, locale, requests.data]);
  if (!id) return <Alert type="info" message={t('emergency.noEvent')} />;
  if (event.isError) return <Alert type="error" message={t('emergency.notFound')} />;
  if (!e) return null;
  const levelNeeded = stepping === 'activate' || stepping === 'scale';
  return (
    <div data-testid="emergency-event-view">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => navigate('/emergency')}>{t('emergency.back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>{`${e.eventNo} ${e.title}`}</Typography.Title>
        {statusTag(t, e.status)}
        {levelTag(t, e.responseLevel ?? e.level)}
        {e.actions.map((a) => (
          <Button key={a} type={a === 'activate' ? 'primary' : 'default'} danger={a === 'close'} data-testid={`emergency-step-${a}`} onClick={() => { form.resetFields(); setStepping(a); }}>
            {t(`emergency.action.${a}`)}
          </Button>
        ))}
      </Space>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('emergency.map')}>
            <Suspense fallback={null}>
              {(() => {
                // The event's traffic controls still in force or coming: roads as lines, areas outlined with the affected area.
                const controls = trafficLayers((traffic.data?.items ?? []).filter((c) => c.status !== 'ended'), (c) => `${t('traffic.onEvent')}：${c.title}`);
                const area = areaOutline(e);
                const outline = area || controls.outline ? { type: 'FeatureCollection' as const, features: [...(area?.features ?? []), ...(controls.outline?.features ?? [])] } : null;
                return <PointsMap points={[...points, ...controls.points]} links={controls.links} outline={outline} onOpen={() => undefined} testId="emergency-map" height={420} />;
              })()}
            </Suspense>
          </Card>
          <Card size="small" title={t('emergency.tasks')} style={{ marginTop: 12 }}
            extra={e.status !== 'closed' && e.actions.includes('close') ? <Input.Search size="small" placeholder={t('emergency.addTask')} enterButton="+" style={{ width: 240 }} onSearch={(v) => v.trim() && addTask.mutate(v.trim())} /> : null}>
            <Table<EmergencyTask> rowKey="id" size="small" pagination={false} dataSource={e.tasks} scroll={{ x: 'max-content' }}
              columns={[
                { key: 'title', title: t('emergency.field.task'), dataIndex: 'title' },
                { key: 'level', title: t('emergency.field.level'), dataIndex: 'level', responsive: ['md'], render: (l: EmergencyLevel | null) => levelTag(t, l) },
                { key: 'status', title: t('emergency.field.status'), dataIndex: 'status', render: (s: EmergencyTask['status']) => enumLabel(t, 'emergencyTaskStatus', s) },
                { key: 'teams', title: t('emergency.teams'), render: (_: unknown, task) => e.dispatches.filter((d) => d.taskId === task.id).map((d) => <Tag key={d.id}>{d.teamName} · {enumLabel(t, 'dispatchStatus', d.status)}</Tag>) },
                { key: 'go', title: '', width: 90, render: (_: unknown, task) => (e.status === 'verified' || e.status === 'responding') && e.actions.includes('close') ? <Button size="small" onClick={() => setDispatching(task)}>{t('emergency.dispatch')}</Button> : null },
              ]} />
          </Card>
          <Card size="small" title={t('emergency.dispatches')} style={{ marginTop: 12 }}>
            <Table<DispatchSummary> rowKey="id" size="small" pagination={false} dataSource={e.dispatches} scroll={{ x: 'max-content' }} data-testid="emergency-dispatches"
              columns={[
                { key: 'team', title: t('emergency.field.team'), dataIndex: 'teamName' },
                { key: 'task', title: t('emergency.field.task'), dataIndex: 'taskTitle', responsive: ['sm'] },
                { key: 'status', title: t('emergency.field.status'), dataIndex: 'status', render: (s: DispatchSummary['status']) => enumLabel(t, 'dispatchStatus', s) },
                { key: 'times', title: t('emergency.field.times'), responsive: ['md'], render: (_: unknown, d) => [d.dispatchedAt, d.acknowledgedAt, d.arrivedAt, d.completedAt].map((x) => (x ? formatDateTime(x, locale).slice(-5) : '—')).join(' / ') },
                { key: 'steps', title: '', render: (_: unknown, d) => <Space>{d.actions.map((a) => <Button key={a} size="small" danger={a === 'cancel'} onClick={() => dispatchStep.mutate({ d, action: a as DispatchAction })}>{t(`emergency.dispatch.${a as DispatchAction}`)}</Button>)}</Space> },
              ]} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {requests.data && <EventSupplies requests={requests.data.items} />}
          <Card size="small" title={t('emergency.facts')} style={{ marginTop: requests.data ? 12 : 0 }}>
            <Descriptions size="small" column={1}
              items={[
                { key: 'type', label: t('emergency.field.type'), children: typeLabel(locale, e.type, e.subType) },
                { key: 'region', label: t('emergency.field.region'), children: e.regionName },
                { key: 'address', label: t('emergency.field.address'), children: e.address ?? '—' },
                { key: 'at', label: t('emergency.field.occurredAt'), children: formatDateTime(e.occurredAt, locale) },
                ...e.commandPosts.map((c, i) => ({ key: `post-${i}`, label: `${t('emergency.commandPost')}（${enumLabel(t, 'emergencyLevel', c.level)}）`, children: `${c.name} · ${c.address}` })),
                ...(e.description ? [{ key: 'desc', label: t('emergency.field.description'), children: e.description }] : []),
              ]} />
          </Card>
          <Card size="small" title={t('emergency.timeline')} style={{ marginTop: 12 }}>
            <Timeline
              items={e.timeline.map((s) => ({
                key: `${s.at}-${s.action}`,
                children: (
                  <>
                    <div>
                      <b>{t(`emergency.step.${s.action.startsWith('dispatch.') ? 'dispatch' : 'event'}`)}</b> {s.action.startsWith('dispatch.') ? t(`emergency.dispatch.${s.action.slice(9) as DispatchAction | 'create'}`) : t(`emergency.action.${s.action as EventAction | 'report' | 'task'}`)}
                      {s.action === 'scale' || s.action === 'activate' ? <> {levelTag(t, s.level)}</> : null}
                    </div>
                    <Typography.Text type="secondary">{formatDateTime(s.at, locale)} {s.actorName ?? ''} {s.note ?? ''}</Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {stepping && (
        <Modal open title={t(`emergency.action.${stepping}`)} onCancel={() => setStepping(null)} onOk={() => form.submit()} confirmLoading={step.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => step.mutate(v)}>
            {levelNeeded && (
              <Form.Item name="level" label={t('emergency.field.level')} rules={[{ required: true }]}>
                <Select data-testid="emergency-level" options={EMERGENCY_LEVELS.map((l) => ({ value: l, label: enumLabel(t, 'emergencyLevel', l) }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('emergency.field.note')} rules={[{ required: stepping === 'scale' || stepping === 'close', whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {dispatching && (
        <Modal open title={`${t('emergency.dispatch')}：${dispatching.title}`} onCancel={() => setDispatching(null)} onOk={() => form.submit()} confirmLoading={dispatch.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => v.teamId && dispatch.mutate(v.teamId)}>
            <Form.Item name="teamId" label={t('emergency.field.team')} rules={[{ required: true }]}>
              <Select loading={teams.isLoading} options={(teams.data ?? []).map((x) => ({ value: x.id, label: `${x.name}（${enumLabel(t, 'teamAvailability', x.availability)}，${t('emergency.onDutyN', { n: x.onDuty })}）`, disabled: x.availability !== 'available' }))} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
