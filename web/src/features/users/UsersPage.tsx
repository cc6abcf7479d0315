import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Role, User } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { formatDateTime, roleLabel } from '../../app/labels';
import { useMe, useSession } from '../../app/session';
import { userKeys } from '../../api/keys';
import { userQueries, usersApi } from '../../api/users';
import { useI18n } from '../../i18n/i18n';
import { serverPagination } from '../../app/pagination';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { roleOptions } from './roles';

interface Filters {
  role?: Role;
  region?: string;
  q?: string;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

export default function UsersPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const feedback = useFeedback();
  const canWrite = can('user:write');
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const client = useQueryClient();
  const listed = useQuery({
    ...userQueries.list({
      role: filters.role,
      region: filters.region && /^\d{12}$/.test(filters.region) ? filters.region : undefined,
      q: filters.q?.trim() || undefined,
      ...paging,
    }),
    placeholderData: keepPreviousData,
  });
  const list = listed.data ?? null;
  /** Accounts changed: the lists are read again. */
  const reload = () => void client.invalidateQueries({ queryKey: userKeys.all });

  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      feedback.success(done);
      reload();
    } catch (err) {
      feedback.error(err);
    }
  }

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('users.role'), dataIndex: 'role', render: (role: Role) => roleLabel(t, role) },
    {
      key: 'scope',
      title: t('users.scope'),
      render: (_value, user) => (user.scopeGridId ? `${user.scopeRegionName} · ${user.scopeGridName ?? user.scopeGridId}` : user.scopeRegionName),
    },
    { key: 'phone', title: t('users.phone'), dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
    {
      key: 'status',
      title: t('users.status'),
      render: (_value, user) => (
        <Space size={4} wrap>
          {user.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {isLocked(user) && <Tag color="red">{t('users.locked')}</Tag>}
          {user.totpEnrolled && <Tag color="blue">{t('users.totp')}</Tag>}
          {user.enrolmentPendingUntil && <Tag color="gold">{t('users.enrolmentPending')}</Tag>}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('users.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_value, user) => {
        const self = user.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
              {t('common.edit')}
            </Button>
            {!self && (
              <Popconfirm
                title={user.disabled ? t('users.enableConfirm', { name: user.displayName }) : t('users.disableConfirm', { name: user.displayName })}
                onConfirm={() =>
                  act(
                    () => usersApi.update(user.id, { disabled: !user.disabled }),
                    user.disabled ? t('users.enabledDone') : t('users.disabledDone'),
                  )
                }
              >
                <Button type="link" size="small" danger={!user.disabled} data-testid={`user-toggle-${user.username}`}>
                  {user.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              </Popconfirm>
            )}
            {isLocked(user) && (
              <Button
                type="link"
                size="small"
                onClick={() => void act(() => usersApi.unlock(user.id), t('users.unlockedDone'))}
                data-testid={`user-unlock-${user.username}`}
              >
                {t('users.unlock')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user })} data-testid={`user-reset-${user.username}`}>
              {t('users.resetPassword')}
            </Button>
          </Space>
        );
      },
    });
  }

  return (
    <div data-testid="users-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('menu.users')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        )}
      </Space>
      <Card>
        <Form<Filters>
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(values) => {
            setFilters(values);
            setPaging((current) => ({ ...current, page: 1 }));
          }}
        >
          <Form.Item name="role" label={t('users.role')}>
            <Select allowClear options={roleOptions(t)} style={{ width: 180 }} placeholder={t('common.all')} data-testid="users-filter-role" />
          </Form.Item>
          <Form.Item name="region" label={t('users.scopeRegion')}>
            <RegionCodeInput allowClear style={{ width: 280 }} data-testid="users-filter-region" />
          </Form.Item>
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 200 }} data-testid="users-filter-q" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="users-search">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        <div data-testid="users-table">
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list?.items ?? []}
            loading={listed.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={serverPagination(list, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
          />
        </div>
      </Card>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserFormModal
          user={dialog.kind === 'edit' ? dialog.user : null}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            feedback.success(dialog.kind === 'edit' ? t('users.updated', { name: saved.displayName }) : t('users.created', { name: saved.displayName }));
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            feedback.success(t('users.resetDone', { name: dialog.user.displayName }));
            setDialog(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
