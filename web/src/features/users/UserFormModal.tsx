import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ADMIN_ROLES, type Role, type User } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { withTestId } from '../../app/test-id';
import { usersApi } from '../../api/users';
import type { CreateUserRequest, UpdateUserRequest } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import { GridIdInput } from './GridIdInput';
import { roleOptions, scopeKind } from './roles';

interface Values {
  username?: string;
  displayName: string;
  role: Role;
  scopeRegionCode?: string;
  scopeGridId?: string;
  phone?: string;
  password?: string;
}

interface Props {
  /** null: a new account. */
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserFormModal({ user, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = scopeKind(role);
  // The three admin roles get no initial password from anyone: an enrolment code instead.
  const adminRole = role !== undefined && ADMIN_ROLES.includes(role);

  const initialValues: Partial<Values> = user
    ? {
        displayName: user.displayName,
        role: user.role,
        scopeRegionCode: user.scopeRegionCode,
        scopeGridId: user.scopeGridId ?? undefined,
        // The list shows phones masked (138****1234): never send the mask back.
        phone: user.phone && !user.phone.includes('*') ? user.phone : undefined,
      }
    : {};

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    const gridScope = scopeKind(values.role) === 'grid';
    const phone = values.phone?.trim() || undefined;
    try {
      let saved: User;
      if (user) {
        const body: UpdateUserRequest = {
          displayName: values.displayName.trim(),
          role: values.role,
          scopeRegionCode: gridScope ? undefined : values.scopeRegionCode,
          scopeGridId: gridScope ? values.scopeGridId : null,
          // Left empty: unchanged.
          phone,
        };
        saved = await usersApi.update(user.id, body);
      } else {
        const body: CreateUserRequest = {
          username: (values.username ?? '').trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          scopeRegionCode: gridScope ? undefined : values.scopeRegionCode,
          scopeGridId: gridScope ? values.scopeGridId : undefined,
          phone,
          password: ADMIN_ROLES.includes(values.role) ? undefined : (values.password ?? ''),
        };
        saved = await usersApi.create(body);
      }
      onSaved(saved);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      okText={t('common.save')}
      okButtonProps={withTestId({ loading: submitting }, 'user-form-submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={520}
      data-testid="user-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false}>
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameRule')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.usernameRule') }]}
          >
            <Input autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 64, message: t('common.required') }]}>
          <Input maxLength={64} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={roleOptions(t)} data-testid="user-form-role" />
        </Form.Item>
        {kind === 'region' ? (
          <Form.Item
            name="scopeRegionCode"
            label={t('users.scopeRegion')}
            extra={t('users.scopeRegionHint')}
            rules={[{ required: true, pattern: /^\d{12}$/, message: t('regions.codeInvalid') }]}
          >
            <RegionCodeInput data-testid="user-form-scope-region" />
          </Form.Item>
        ) : (
          <Form.Item
            name="scopeGridId"
            label={t('users.scopeGrid')}
            extra={t('users.scopeGridHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <GridIdInput currentName={user?.scopeGridName} data-testid="user-form-scope-grid" />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={user?.phone ? t('users.phoneKeep', { phone: user.phone }) : undefined}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneInvalid') }]}
        >
          <Input maxLength={11} inputMode="tel" placeholder={user?.phone ?? undefined} data-testid="user-form-phone" />
        </Form.Item>
        {!user && !adminRole && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
        {!user && adminRole && <Alert type="info" showIcon title={t('users.adminEnrolmentHint')} data-testid="user-form-enrolment-hint" />}
      </Form>
    </Modal>
  );
}
