/**
 * The enterprise's filers (企业填报人): the portal accounts linked to it, current and revoked. An
 * operator of its scope links a resident account by its exact username, or ends a link; the
 * account reaches nothing of the enterprise from its next request on.
 */
import { Button, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FilerLink } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enterpriseKeys, enterprisesApi } from './enterprises-api';

export function FilersDialog({ organizationId, name, onClose }: { organizationId: string; name: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const canWrite = useSession().can('enterprise:write');
  const links = useQuery({ queryKey: enterpriseKeys.filers(organizationId), queryFn: ({ signal }) => enterprisesApi.filers(organizationId, signal) });
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const change = async (call: () => Promise<{ items: FilerLink[] }>, done: string) => {
    setBusy(true);
    try {
      queryClient.setQueryData(enterpriseKeys.filers(organizationId), await call());
      feedback.success(done);
      setUsername('');
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t('enterprise.filer.title')}：${name}`} onCancel={onClose} footer={null} destroyOnHidden data-testid="enterprise-filers-dialog">
      <Typography.Paragraph type="secondary">{t('enterprise.filer.help')}</Typography.Paragraph>
      {canWrite && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input value={username} maxLength={64} placeholder={t('enterprise.filer.username')} onChange={(e) => setUsername(e.target.value)} data-testid="enterprise-filers-username" />
          <Button type="primary" loading={busy} disabled={!username.trim()} onClick={() => void change(() => enterprisesApi.linkFiler(organizationId, username.trim()), t('enterprise.filer.linked'))} data-testid="enterprise-filers-link">
            {t('enterprise.filer.link')}
          </Button>
        </Space.Compact>
      )}
      <List<FilerLink>
        loading={links.isLoading}
        dataSource={links.data?.items ?? []}
        locale={{ emptyText: t('enterprise.filer.none') }}
        data-testid="enterprise-filers-list"
        renderItem={(l) => (
          <List.Item
            actions={
              canWrite && !l.revokedAt
                ? [
                    <Popconfirm key="unlink" title={t('enterprise.filer.confirmUnlink')} onConfirm={() => change(() => enterprisesApi.unlinkFiler(organizationId, l.userId), t('enterprise.filer.unlinked'))}>
                      <Button size="small" danger data-testid={`enterprise-filers-unlink-${l.username}`}>{t('enterprise.filer.unlink')}</Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<>{l.displayName} <Typography.Text type="secondary">{l.username}</Typography.Text> {l.revokedAt ? <Tag>{t('enterprise.filer.revoked')}</Tag> : <Tag color="success">{t('enterprise.filer.current')}</Tag>}</>}
              description={
                l.revokedAt
                  ? t('enterprise.filer.revokedBy', { by: l.revokedBy ?? '', at: formatDateTime(l.revokedAt, locale) })
                  : t('enterprise.filer.grantedBy', { by: l.grantedBy ?? '', at: formatDateTime(l.grantedAt, locale) })
              }
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
