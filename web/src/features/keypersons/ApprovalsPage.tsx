/** Requests to open minors' archives: those to decide in the approver's scope, and one's own. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import type { KpAccess } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import { keypersonKeys, keypersonsApi } from './keypersons-api';

export default function KeyPersonApprovalsPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const requests = useQuery({ queryKey: keypersonKeys.access(), queryFn: ({ signal }) => keypersonsApi.accessRequests(undefined, signal) });
  const decide = async (r: KpAccess, decision: 'approve' | 'refuse') => {
    try {
      await keypersonsApi.decide(r.id, decision);
      await client.invalidateQueries({ queryKey: keypersonKeys.all });
    } catch (error) {
      feedback.error(error);
    }
  };
  const items = requests.data ?? [];
  return (
    <Card title={t('menu.keypersonApprovals')}>
      {items.length === 0 && !requests.isLoading ? (
        <Empty description={t('kp.approvals.none')} />
      ) : (
        <Table
          data-testid="kp-approvals-table"
          rowKey="id"
          size="small"
          loading={requests.isLoading}
          dataSource={items}
          scroll={{ x: true }}
          columns={[
            { key: 'grid', title: t('kp.approvals.grid'), dataIndex: 'gridName' },
            { key: 'purpose', title: t('kp.approvals.purpose'), dataIndex: 'purpose' },
            { key: 'by', title: t('kp.approvals.by'), dataIndex: 'requestedByName', render: (v: string | null, r) => (<Space size={4}>{orDash(v)}{r.mine && <Tag>{t('kp.approvals.mine')}</Tag>}</Space>) },
            { key: 'at', title: t('kp.approvals.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
            { key: 'status', title: t('kp.approvals.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'kpAccess', s) },
            { key: 'expires', title: t('kp.approvals.expires'), dataIndex: 'expiresAt', render: (v: string | null) => orDash(v && formatDateTime(v, locale)) },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, r) =>
                r.status === 'pending' && !r.mine ? (
                  <Space>
                    <Popconfirm title={t('kp.approvals.approve')} onConfirm={() => decide(r, 'approve')}>
                      <Button size="small" type="primary" data-testid={`kp-approve-${r.id}`}>{t('kp.approvals.approve')}</Button>
                    </Popconfirm>
                    <Button size="small" danger onClick={() => void decide(r, 'refuse')} data-testid={`kp-refuse-${r.id}`}>{t('kp.approvals.refuse')}</Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}
