/** Enterprises approved to resume that stopped reporting staff health: no registration for N days (N chosen here, 2 by default). */
import { InputNumber, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { StoppedEnterprise } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { orDash } from '../../shared/format';
import { enterpriseKeys, enterprisesApi } from './enterprises-api';

export default function StoppedPage() {
  const { t } = useI18n();
  const [days, setDays] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const params = { days, page, pageSize: 50 };
  const list = useQuery({ queryKey: enterpriseKeys.stopped(params), queryFn: ({ signal }) => enterprisesApi.stopped(params, signal), refetchInterval: 300_000 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('menu.enterpriseStopped')}</Typography.Title>
      <Space>
        <span>{t('enterprise.stoppedAfter')}</span>
        <InputNumber min={1} max={60} value={days ?? list.data?.days} onChange={(v) => setDays(v ?? undefined)} data-testid="enterprise-stopped-days" />
        <span>{t('enterprise.days')}</span>
      </Space>
      <Table<StoppedEnterprise>
        size="small"
        rowKey="organizationId"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid="enterprise-stopped-table"
        columns={[
          { key: 'name', title: t('enterprise.field.enterprise'), dataIndex: 'organizationName' },
          { key: 'grid', title: t('enterprise.field.grid'), dataIndex: 'gridName' },
          { key: 'resumeOn', title: t('enterprise.field.resumeOn'), dataIndex: 'resumedOn', render: (v: string | null) => orDash(v) },
          { key: 'last', title: t('enterprise.field.lastReport'), dataIndex: 'lastReportDay', render: (v: string | null) => v ?? t('enterprise.never') },
          { key: 'silent', title: t('enterprise.field.daysSilent'), dataIndex: 'daysSilent', render: (v: number | null) => orDash(v === null ? null : String(v)) },
        ]}
      />
    </Space>
  );
}
