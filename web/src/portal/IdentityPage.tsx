/**
 * 实名认证 on the portal: a resident gives their name and ID number once; from then on their
 * check-ins (and codes and notices) are theirs as the registers know them. Shown back masked
 * only. A wrong check digit lands on the number; a mismatch with the register is said plainly.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IdentityRequest, OwnIdentity } from '@gridgov/contracts';
import { api } from '../api/client';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useI18n } from '../i18n/i18n';
import { fieldProblems } from '../shared/errors/field-errors';
import { checkinKeys } from '../features/checkins/checkins-api';
import { healthCodeKeys } from '../features/healthcode/healthcode-api';

export const identityKeys = { mine: ['identity', 'mine'] as const };
export const identityApi = {
  mine: (signal?: AbortSignal) => api.get<OwnIdentity>('/me/identity', undefined, signal),
  verify: (input: IdentityRequest) => api.put<OwnIdentity>('/me/identity', input),
};

export default function IdentityPage() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<IdentityRequest>();
  const queryClient = useQueryClient();
  const mine = useQuery({ queryKey: identityKeys.mine, queryFn: ({ signal }) => identityApi.mine(signal) });
  const verify = useMutation({
    mutationFn: identityApi.verify,
    onSuccess: (identity) => {
      queryClient.setQueryData(identityKeys.mine, identity);
      // What is kept by the person changed hands: the code and the check-ins are read again.
      void queryClient.invalidateQueries({ queryKey: healthCodeKeys.mine });
      void queryClient.invalidateQueries({ queryKey: checkinKeys.mine });
    },
    onError: (error) => form.setFields(fieldProblems(error, t, locale).map((p) => ({ name: p.field as keyof IdentityRequest, errors: [p.message] }))),
  });
  if (!mine.data) return <Card loading />;
  const identity = mine.data;
  if (identity.verified) {
    return (
      <Result
        status="success"
        title={t('portal.identity.verified')}
        subTitle={identity.registered ? t('portal.identity.registered') : t('portal.identity.unregistered')}
        data-testid="portal-identity-verified"
        extra={
          <Descriptions column={1} size="small" bordered items={[
            { key: 'name', label: t('portal.identity.name'), children: identity.name },
            { key: 'id', label: t('portal.identity.idNumber'), children: identity.idMasked },
            { key: 'at', label: t('portal.identity.at'), children: formatDateTime(identity.verifiedAt, locale) },
          ]} />
        }
      />
    );
  }
  const fieldless = verify.error && fieldProblems(verify.error, t, locale).length === 0 ? errorText(verify.error, t) : null;
  return (
    <Card data-testid="portal-identity">
      <Typography.Paragraph>{t('portal.identity.intro')}</Typography.Paragraph>
      {fieldless && <Alert type="error" showIcon message={fieldless} style={{ marginBottom: 16 }} data-testid="portal-identity-error" />}
      <Form form={form} layout="vertical" onFinish={(values) => verify.mutate(values)} requiredMark={false}>
        <Form.Item name="name" label={t('portal.identity.name')} rules={[{ required: true, whitespace: true, message: t('portal.identity.nameRequired') }]}>
          <Input maxLength={50} autoComplete="name" data-testid="portal-identity-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('portal.identity.idNumber')} rules={[{ required: true, whitespace: true, message: t('portal.identity.idRequired') }]}>
          <Input maxLength={40} autoComplete="off" inputMode="text" data-testid="portal-identity-id" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('portal.identity.privacy')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" size="large" block loading={verify.isPending} data-testid="portal-identity-submit">{t('portal.identity.submit')}</Button>
      </Form>
    </Card>
  );
}
