import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEntry } from '@gridgov/contracts';
import { formatDateTime } from '../../app/labels';
import { auditQueries } from '../../api/audit';
import type { AuditListQuery } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { serverPagination } from '../../app/pagination';

type Outcome = AuditEntry['outcome'];

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: Outcome;
  alert?: boolean;
}

const OUTCOME_COLOR: Record<Outcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

function toQuery(values: FilterValues): AuditListQuery {
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    from: values.range?.[0]?.toISOString(),
    to: values.range?.[1]?.toISOString(),
    actor: text(values.actor),
    action: text(values.action),
    objectType: text(values.objectType),
    objectId: text(values.objectId),
    outcome: values.outcome,
    alert: values.alert ? 'true' : undefined,
  };
}

export default function AuditPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<AuditListQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const listed = useQuery({ ...auditQueries.list({ ...query, ...paging }), placeholderData: keepPreviousData });
  const list = listed.data ?? null;

  const outcomeLabel = (outcome: Outcome) => t(`audit.outcome.${outcome}`);

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at, locale) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_value, entry) => entry.actorName ?? entry.actorId ?? '—',
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_value, entry) => (
        <>
          <Typography.Text code>{entry.action}</Typography.Text>
          {entry.alert && (
            <Tag color="red" style={{ marginLeft: 6 }} data-testid="audit-alert">
              {t('audit.alert')}
            </Tag>
          )}
        </>
      ),
    },
    {
      key: 'object',
      title: t('audit.object'),
      render: (_value, entry) =>
        entry.objectType ? `${entry.objectType}${entry.objectId ? ` / ${entry.objectId}` : ''}` : '—',
    },
    { key: 'subject', title: t('audit.subject'), dataIndex: 'subject', render: (subject: string | null) => subject ?? '—' },
    {
      key: 'outcome',
      title: t('audit.outcomeLabel'),
      dataIndex: 'outcome',
      render: (outcome: Outcome) => <Tag color={OUTCOME_COLOR[outcome]}>{outcomeLabel(outcome)}</Tag>,
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <div data-testid="audit-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('menu.audit')}
      </Typography.Title>
      <Card>
        <Form<FilterValues>
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(values) => {
            setQuery(toQuery(values));
            setPaging((current) => ({ ...current, page: 1 }));
          }}
        >
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} data-testid="audit-filter-range" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 160 }} data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder="auth.login" style={{ width: 160 }} data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="objectType" label={t('audit.objectType')}>
            <Input allowClear placeholder="user" style={{ width: 120 }} data-testid="audit-filter-object-type" />
          </Form.Item>
          <Form.Item name="objectId" label={t('audit.objectId')}>
            <Input allowClear style={{ width: 160 }} data-testid="audit-filter-object-id" />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcomeLabel')}>
            <Select<Outcome>
              allowClear
              placeholder={t('common.all')}
              style={{ width: 120 }}
              options={(['success', 'denied', 'failure'] as const).map((value) => ({ value, label: outcomeLabel(value) }))}
              data-testid="audit-filter-outcome"
            />
          </Form.Item>
          <Form.Item name="alert" valuePropName="checked">
            <Checkbox data-testid="audit-filter-alert">{t('audit.alertOnly')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list?.items ?? []}
            loading={listed.isFetching}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (entry) => <AuditEntryDetail entry={entry} /> }}
            pagination={serverPagination(list, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
          />
        </div>
      </Card>
    </div>
  );
}

function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    // width 0 / min-width 100%: the expanded row follows the table's width instead of widening it.
    <div data-testid={`audit-detail-${entry.id}`} style={{ width: 0, minWidth: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'id', label: 'ID', children: entry.id },
          { key: 'role', label: t('audit.role'), children: entry.role ?? '—' },
          { key: 'scope', label: t('audit.scope'), children: entry.scope ?? '—' },
          { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
          {
            key: 'hash',
            label: t('audit.hash'),
            span: 2,
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="audit-hash">
                {entry.hash}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Text strong>{t('audit.details')}</Typography.Text>
      <pre className="gg-json" data-testid="audit-details">
        {JSON.stringify(entry.details ?? null, null, 2)}
      </pre>
    </div>
  );
}
