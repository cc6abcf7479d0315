/** Emergency events in scope: filters by state and type, report a new one (type, level, place, area as a rectangle around the place). */
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { EMERGENCY_LEVELS, EMERGENCY_STATUSES, EMERGENCY_TYPES, type EmergencyEventSummary, type EmergencyLevel, type EmergencyTypeCode } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import { emergencyApi, emergencyKeys } from './emergency-api';
import { levelTag, statusTag, typeLabel } from './parts';

interface ReportValues {
  title: string;
  type: EmergencyTypeCode;
  subType?: string;
  level?: EmergencyLevel;
  regionCode: string;
  lng: number;
  lat: number;
  address?: string;
  radiusKm?: number;
  occurredAt: Dayjs;
  description?: string;
}

export function EventsPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ status?: string; type?: string }>({});
  const [page, setPage] = useState(1);
  const [reporting, setReporting] = useState(false);
  const [form] = Form.useForm<ReportValues>();
  const type = Form.useWatch('type', form);
  const events = useQuery({ queryKey: [...emergencyKeys.events, filters, page], queryFn: ({ signal }) => emergencyApi.events({ ...filters, page, pageSize: 20 }, signal) });
  const commands = holds('emergency:command', me.permissions) && !me.scope.gridId;
  const report = useMutation({
    mutationFn: (v: ReportValues) => {
      const d = (v.radiusKm ?? 0) / 111;
      const area = d > 0 ? { type: 'Polygon' as const, coordinates: [[[v.lng - d, v.lat - d], [v.lng + d, v.lat - d], [v.lng + d, v.lat + d], [v.lng - d, v.lat + d], [v.lng - d, v.lat - d]] as [number, number][]] } : undefined;
      return emergencyApi.report({
        title: v.title, type: v.type, ...(v.subType ? { subType: v.subType } : {}), ...(v.level ? { level: v.level } : {}), regionCode: v.regionCode, lng: v.lng, lat: v.lat,
        ...(v.address?.trim() ? { address: v.address.trim() } : {}), ...(area ? { area } : {}), occurredAt: v.occurredAt.toISOString(), ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      });
    },
    onSuccess: async (e) => {
      setReporting(false);
      await client.invalidateQueries({ queryKey: emergencyKeys.events });
      navigate(`/emergency?id=${e.id}`);
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('emergency.field.status')} style={{ width: 140 }} onChange={(status?: string) => { setPage(1); setFilters((f) => ({ ...f, status })); }} options={EMERGENCY_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'emergencyStatus', s) }))} />
        <Select allowClear placeholder={t('emergency.field.type')} style={{ width: 160 }} onChange={(v?: string) => { setPage(1); setFilters((f) => ({ ...f, type: v })); }} options={EMERGENCY_TYPES.map((x) => ({ value: x.code, label: typeLabel(locale, x.code) }))} />
        {commands && (
          <Button type="primary" data-testid="emergency-report" onClick={() => { form.setFieldsValue({ regionCode: me.scope.regionCode, occurredAt: dayjs(), radiusKm: 0.5 }); setReporting(true); }}>
            {t('emergency.report')}
          </Button>
        )}
      </Space>
      <Table<EmergencyEventSummary>
        rowKey="id"
        size="small"
        loading={events.isLoading}
        dataSource={events.data?.items ?? []}
        data-testid="emergency-events"
        pagination={{ current: page, pageSize: 20, total: events.data?.total ?? 0, onChange: setPage }}
        onRow={(e) => ({ onClick: () => navigate(`/emergency?id=${e.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'no', title: t('emergency.field.eventNo'), dataIndex: 'eventNo', width: 80 },
          { key: 'title', title: t('emergency.field.title'), dataIndex: 'title' },
          { key: 'type', title: t('emergency.field.type'), dataIndex: 'type', render: (v: string, e) => typeLabel(locale, v, e.subType) },
          { key: 'level', title: t('emergency.field.level'), dataIndex: 'responseLevel', render: (v: EmergencyLevel | null, e) => levelTag(t, v ?? e.level) },
          { key: 'status', title: t('emergency.field.status'), dataIndex: 'status', render: (s: EmergencyEventSummary['status']) => statusTag(t, s) },
          { key: 'region', title: t('emergency.field.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'at', title: t('emergency.field.occurredAt'), dataIndex: 'occurredAt', responsive: ['lg'], render: (v: string) => formatDateTime(v, locale) },
        ]}
      />
      {reporting && (
        <Modal open title={t('emergency.report')} onCancel={() => setReporting(false)} onOk={() => form.submit()} confirmLoading={report.isPending} width={600}>
          <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)}>
            <Form.Item name="title" label={t('emergency.field.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="emergency-title" /></Form.Item>
            <Space wrap>
              <Form.Item name="type" label={t('emergency.field.type')} rules={[{ required: true }]}>
                <Select style={{ width: 180 }} onChange={() => form.setFieldValue('subType', undefined)} options={EMERGENCY_TYPES.map((x) => ({ value: x.code, label: typeLabel(locale, x.code) }))} />
              </Form.Item>
              <Form.Item name="subType" label={t('emergency.field.subType')}>
                <Select allowClear style={{ width: 180 }} options={(EMERGENCY_TYPES.find((x) => x.code === type)?.subTypes ?? []).map((s) => ({ value: s.code, label: locale === 'en' ? s.en : s.zh }))} />
              </Form.Item>
              <Form.Item name="level" label={t('emergency.field.level')}>
                <Select allowClear style={{ width: 160 }} options={EMERGENCY_LEVELS.map((l) => ({ value: l, label: enumLabel(t, 'emergencyLevel', l) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="regionCode" label={t('emergency.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Space wrap>
              <Form.Item name="lng" label={t('emergency.field.lng')} rules={[{ required: true }]}><InputNumber min={73} max={136} step={0.0001} style={{ width: 160 }} /></Form.Item>
              <Form.Item name="lat" label={t('emergency.field.lat')} rules={[{ required: true }]}><InputNumber min={3} max={54} step={0.0001} style={{ width: 160 }} /></Form.Item>
              <Form.Item name="radiusKm" label={t('emergency.field.radius')} extra={t('emergency.radiusHint')}><InputNumber min={0} max={50} step={0.1} style={{ width: 160 }} /></Form.Item>
            </Space>
            <Form.Item name="address" label={t('emergency.field.address')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="occurredAt" label={t('emergency.field.occurredAt')} rules={[{ required: true }]}><DatePicker showTime /></Form.Item>
            <Form.Item name="description" label={t('emergency.field.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
