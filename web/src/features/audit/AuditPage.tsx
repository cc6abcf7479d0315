import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTIONS, type AuditEntry, type AuditVerifyResult, type Role } from '@gridgov/contracts';
import { formatDateTime, roleLabel } from '../../app/labels';
import { auditApi, auditQueries } from '../../api/audit';
import { saveFile } from '../../api/transfers';
import { enumLabel } from '../../shared/labels';
import type { Translate } from '../../i18n/translate';
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
  failed?: boolean;
}

const AUDIT_OBJECT_TYPES = [
  'ticket', 'user', 'grid', 'region', 'resident', 'household', 'building', 'dwelling', 'venue', 'facility', 'organization',
  'department', 'announcement', 'export', 'import', 'audit_log', 'ticket_category', 'form_definition', 'api_client',
] as const;

/** An action as the auditor reads it (登录, Sign-in), the code only for an undeclared one. */
function actionLabel(action: string, locale: string): string {
  const spec = (AUDIT_ACTIONS as Record<string, { zh: string; en: string } | undefined>)[action];
  return spec ? (locale === 'en' ? spec.en : spec.zh) : action;
}

/** Who acted: the display name (and username); for a failed sign-in, the username it tried. */
function actorText(t: Translate, entry: AuditEntry): string {
  if (entry.actorDisplayName) return entry.actorName ? t('audit.actorWithUsername', { name: entry.actorDisplayName, username: entry.actorName }) : entry.actorDisplayName;
  if (entry.attemptedUsername) return t('audit.attempted', { username: entry.attemptedUsername });
  return entry.actorName ?? t('audit.system');
}

/** The object: its kind and its label (a ticket number, a grid's name), never a bare id. */
function objectText(t: Translate, entry: AuditEntry): string {
  if (!entry.objectType) return '—';
  const kind = enumLabel(t, 'auditObject', entry.objectType);
  const label = entry.objectLabel ?? (entry.objectId ? t('audit.unnamed') : null);
  return label ? `${kind} · ${label}` : kind;
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
    failed: values.failed ? 'true' : undefined,
  };
}

export default function AuditPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<AuditListQuery>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const listed = useQuery({ ...auditQueries.list({ ...query, ...paging }), placeholderData: keepPreviousData });
  const list = listed.data ?? null;

  const outcomeLabel = (outcome: Outcome) => t(`audit.outcome.${outcome}`);
  const verify = useMutation({ mutationFn: () => auditApi.verify() });
  const exported = useMutation({ mutationFn: () => auditApi.export(query).then(saveFile) });

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at, locale) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_value, entry) => <span data-testid="audit-actor">{actorText(t, entry)}</span>,
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_value, entry) => (
        <>
          <span data-testid="audit-action">{actionLabel(entry.action, locale)}</span>
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
      render: (_value, entry) => <span data-testid="audit-object">{objectText(t, entry)}</span>,
    },
    {
      key: 'subject',
      title: t('audit.subject'),
      render: (_value, entry) => entry.subjectLabel ?? (entry.subject ? t('audit.unnamed') : '—'),
    },
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
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('menu.audit')}
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
          <Button onClick={() => exported.mutate()} loading={exported.isPending} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </Space>
      </Space>
      {verify.data && <VerifyResultBanner result={verify.data} onClose={() => verify.reset()} />}
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
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('common.all')}
              style={{ width: 220 }}
              options={Object.keys(AUDIT_ACTIONS).map((value) => ({ value, label: actionLabel(value, locale) }))}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item name="objectType" label={t('audit.objectType')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('common.all')}
              style={{ width: 140 }}
              options={AUDIT_OBJECT_TYPES.map((value) => ({ value, label: enumLabel(t, 'auditObject', value) }))}
              data-testid="audit-filter-object-type"
            />
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
          <Form.Item name="failed" valuePropName="checked">
            <Checkbox data-testid="audit-filter-failed">{t('audit.failedOnly')}</Checkbox>
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
          { key: 'role', label: t('audit.role'), children: entry.role ? roleLabel(t, entry.role as Role) : '—' },
          { key: 'object', label: t('audit.objectId'), children: entry.objectId ?? '—' },
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

function VerifyResultBanner({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t, locale } = useI18n();
  const at = formatDateTime(result.at, locale);
  return (
    <Alert
      closable
      onClose={onClose}
      style={{ marginBottom: 12 }}
      type={result.ok ? 'success' : 'error'}
      data-testid={result.ok ? 'audit-verify-ok' : 'audit-verify-broken'}
      message={result.ok ? t('audit.verifyOk', { entries: result.entries, at }) : t('audit.verifyBroken', { entry: result.brokenAt ?? '', entries: result.entries, at })}
      description={
        result.ok ? (
          <>
            {t('audit.verifyHead')}{' '}
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {result.headHash}
            </Typography.Text>
          </>
        ) : (
          t(`audit.verifyReason.${result.reason ?? 'chain_broken'}`)
        )
      }
    />
  );
}
