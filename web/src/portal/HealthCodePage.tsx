/**
 * 我的健康码 on the portal: a signed-in resident requests their code (健康码调用申请), sees the
 * colour block with the QR code of its opaque token (what a venue gate scans: colour and validity
 * only), why it has its colour in plain words, declares a trip, and asks for a correction.
 */
import { Alert, Button, Card, DatePicker, Form, Input, List, QRCode, Result, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { OwnCode } from '@gridgov/contracts';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { enumLabel } from '../shared/labels';
import { COLOUR_HEX, healthCodeApi, healthCodeKeys } from '../features/healthcode/healthcode-api';
import { reasonText } from '../features/healthcode/reason';
import { identityApi, identityKeys } from './IdentityPage';
import { loginPath, PORTAL_PATHS } from './paths';

interface ApiError {
  code?: string;
}

export default function HealthCodePage() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  const client = useQueryClient();
  const resident = me?.role === 'resident';
  const mine = useQuery({ queryKey: healthCodeKeys.mine, queryFn: ({ signal }) => healthCodeApi.mine(signal), enabled: resident, retry: false });
  const identity = useQuery({ queryKey: identityKeys.mine, queryFn: ({ signal }) => identityApi.mine(signal), enabled: resident && Boolean(me?.permissions.includes('identity:self')) });
  const set = (code: OwnCode) => client.setQueryData(healthCodeKeys.mine, code);
  const request = useMutation({ mutationFn: (rotate: boolean) => healthCodeApi.request(rotate), onSuccess: set });
  const trip = useMutation({ mutationFn: (v: { origin: string; arrivedAt: Dayjs }) => healthCodeApi.declareTrip({ origin: v.origin, arrivedAt: v.arrivedAt.toISOString() }), onSuccess: set });
  const correction = useMutation({ mutationFn: (reason: string) => healthCodeApi.requestCorrection(reason), onSuccess: () => void client.invalidateQueries({ queryKey: healthCodeKeys.mine }) });

  if (!resident) {
    return (
      <Result
        status="info"
        title={t('portal.healthCode.loginFirst')}
        extra={<Button type="primary" size="large" onClick={() => navigate(loginPath(location.path))}>{t('portal.login')}</Button>}
        data-testid="portal-health-code-anonymous"
      />
    );
  }
  const notIssued = mine.error != null && (mine.error as ApiError).code === 'HEALTHCODE_NOT_ISSUED';
  const error = request.error ?? trip.error ?? correction.error ?? (notIssued ? null : mine.error);
  const code = mine.data;
  return (
    <div data-testid="portal-health-code">
      {identity.data && !identity.data.verified && (
        <Alert
          type="warning"
          showIcon
          className="gg-portal-block"
          title={t('portal.identity.codePrompt')}
          action={<Button size="small" onClick={() => navigate(PORTAL_PATHS.identity)} data-testid="portal-health-code-identity">{t('portal.identity.go')}</Button>}
        />
      )}
      {error != null && <Alert type="error" showIcon className="gg-portal-block" title={errorText(error, t)} data-testid="portal-health-code-error" />}
      {notIssued && (
        <Card className="gg-portal-block">
          <Typography.Paragraph>{t('portal.healthCode.requestIntro')}</Typography.Paragraph>
          <Button block type="primary" size="large" loading={request.isPending} onClick={() => request.mutate(false)} data-testid="portal-health-code-request">
            {t('portal.healthCode.request')}
          </Button>
        </Card>
      )}
      {code && (
        <>
          <Card className="gg-portal-block" styles={{ body: { textAlign: 'center' } }} data-testid="portal-health-code-card">
            <div style={{ background: COLOUR_HEX[code.colour], color: '#fff', borderRadius: 8, padding: '12px 0', fontSize: 22, fontWeight: 600 }} data-testid="portal-health-code-colour" data-colour={code.colour}>
              {enumLabel(t, 'codeColour', code.colour)}
            </div>
            <Space direction="vertical" align="center" style={{ marginTop: 16 }}>
              <QRCode value={code.token} color={COLOUR_HEX[code.colour]} size={200} />
              <Typography.Text type="secondary">{t('portal.healthCode.validUntil', { time: formatDateTime(code.validUntil, locale) })}</Typography.Text>
              <Button onClick={() => request.mutate(true)} loading={request.isPending} data-testid="portal-health-code-rotate">{t('portal.healthCode.refresh')}</Button>
            </Space>
          </Card>
          <Card className="gg-portal-block" size="small" title={t('portal.healthCode.why')}>
            {code.override && <Tag color="blue">{t('portal.healthCode.override')}</Tag>}
            <List
              size="small"
              dataSource={code.evidence}
              locale={{ emptyText: t('healthcode.reason.none') }}
              data-testid="portal-health-code-reasons"
              renderItem={(e) => <List.Item key={`${e.kind}-${e.ref}-${e.since}`}>{reasonText(t, locale, e)}</List.Item>}
            />
          </Card>
          <Card className="gg-portal-block" size="small" title={t('portal.healthCode.trip')}>
            <Form layout="vertical" onFinish={(v: { origin: string; arrivedAt: Dayjs }) => trip.mutate(v)}>
              <Form.Item name="origin" label={t('portal.healthCode.origin')} rules={[{ required: true, min: 2, max: 100 }]}>
                <Input maxLength={100} data-testid="portal-health-code-origin" />
              </Form.Item>
              <Form.Item name="arrivedAt" label={t('portal.healthCode.arrivedAt')} rules={[{ required: true }]}>
                <DatePicker showTime style={{ width: '100%' }} data-testid="portal-health-code-arrived" />
              </Form.Item>
              <Button block htmlType="submit" loading={trip.isPending} data-testid="portal-health-code-trip">{t('portal.healthCode.tripSubmit')}</Button>
            </Form>
          </Card>
          <Card className="gg-portal-block" size="small" title={t('portal.healthCode.correction')}>
            {code.correction && <Typography.Paragraph data-testid="portal-health-code-correction-status">{t('portal.healthCode.correctionStatus', { status: enumLabel(t, 'correctionStatus', code.correction.status) })}{code.correction.reviewNote ? `：${code.correction.reviewNote}` : ''}</Typography.Paragraph>}
            <Form layout="vertical" onFinish={(v: { reason: string }) => correction.mutate(v.reason)}>
              <Form.Item name="reason" label={t('portal.healthCode.correctionReason')} rules={[{ required: true, max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} data-testid="portal-health-code-correction-reason" />
              </Form.Item>
              <Button block htmlType="submit" loading={correction.isPending} data-testid="portal-health-code-correction-submit">{t('portal.healthCode.correctionSubmit')}</Button>
            </Form>
          </Card>
        </>
      )}
    </div>
  );
}
