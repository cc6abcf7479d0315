/**
 * Reserving supplies (口罩预约) on the portal, with or without an account: the open drives at the
 * resident's place (anywhere for a visitor), a pickup point with what is left there, then name,
 * ID number and phone; the answer is the pickup code, also sent by SMS. A lost code is found
 * again with the same ID number and phone.
 */
import { Alert, Button, Empty, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PublicSupplyDrive, ReservationReceipt } from '@gridgov/contracts';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { reservationKeys, reservationsApi } from '../features/reservations/reservations-api';

interface Person {
  name: string;
  idNumber: string;
  phone: string;
}

function Receipt({ receipt }: { receipt: ReservationReceipt }) {
  const { t, locale } = useI18n();
  return (
    <Result
      status="success"
      title={t('portal.reserve.code')}
      subTitle={
        <span data-testid="portal-reserve-code" style={{ fontSize: 32, letterSpacing: 4, fontWeight: 600, color: 'inherit' }}>
          {receipt.pickupCode}
        </span>
      }
      extra={
        <Typography.Paragraph style={{ textAlign: 'left' }} data-testid="portal-reserve-receipt">
          {t('portal.reserve.receipt', {
            item: receipt.itemName, quantity: receipt.quantity, unit: receipt.unit, point: receipt.pointName, address: receipt.address,
            from: formatDateTime(receipt.pickupFrom, locale), until: formatDateTime(receipt.pickupUntil, locale), id: receipt.idNumberMasked,
          })}
          {receipt.hours && <><br />{t('portal.reserve.hours', { hours: receipt.hours })}</>}
        </Typography.Paragraph>
      }
    />
  );
}

function DriveCard({ drive }: { drive: PublicSupplyDrive }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [pointId, setPointId] = useState<string | null>(null);
  const [mode, setMode] = useState<'reserve' | 'lookup'>('reserve');
  const [receipt, setReceipt] = useState<ReservationReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (person: Person) => {
    setBusy(true);
    setError(null);
    try {
      const body = { driveId: drive.id, idNumber: person.idNumber.trim(), phone: person.phone.trim() };
      setReceipt(mode === 'reserve' ? await reservationsApi.reserve({ ...body, pointId: pointId!, name: person.name.trim() }) : await reservationsApi.lookup(body));
      await client.invalidateQueries({ queryKey: reservationKeys.all });
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  if (receipt) return <section className="gg-portal-section" data-testid="portal-reserve-done"><Receipt receipt={receipt} /></section>;
  return (
    <section className="gg-portal-section" data-testid="portal-reserve-drive">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {drive.itemName} · {t('portal.reserve.perPerson', { n: drive.perPerson, unit: drive.unit })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {drive.regionName} · {t('portal.reserve.window', { from: formatDateTime(drive.opensAt, locale), until: formatDateTime(drive.closesAt, locale) })}
        <br />
        {t('portal.reserve.pickupWindow', { from: formatDateTime(drive.pickupFrom, locale), until: formatDateTime(drive.pickupUntil, locale) })}
      </Typography.Paragraph>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'reserve' | 'lookup')} optionType="button" style={{ marginBottom: 12 }}>
        <Radio.Button value="reserve">
          <span data-testid="portal-reserve-mode-reserve">{t('portal.reserve.reserve')}</span>
        </Radio.Button>
        <Radio.Button value="lookup">
          <span data-testid="portal-reserve-mode-lookup">{t('portal.reserve.lookup')}</span>
        </Radio.Button>
      </Radio.Group>
      {mode === 'reserve' && (
        <Radio.Group value={pointId} onChange={(e) => setPointId(e.target.value as string)} style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}>
          {drive.points.map((p) => (
            <Radio key={p.id} value={p.id} disabled={p.left <= 0}>
              {p.name}（{p.address}{p.hours ? ` · ${p.hours}` : ''}）<Typography.Text type={p.left > 0 ? 'success' : 'secondary'}>{p.left > 0 ? t('portal.reserve.left', { n: p.left }) : t('portal.reserve.soldOut')}</Typography.Text>
            </Radio>
          ))}
        </Radio.Group>
      )}
      <Form layout="vertical" onFinish={(v: Person) => void submit(v)} requiredMark={false}>
        {mode === 'reserve' && (
          <Form.Item name="name" label={t('portal.reserve.name')} rules={[{ required: true, message: t('portal.reserve.required') }]}>
            <Input size="large" maxLength={40} autoComplete="name" data-testid="portal-reserve-name" />
          </Form.Item>
        )}
        <Form.Item name="idNumber" label={t('portal.reserve.idNumber')} rules={[{ required: true, message: t('portal.reserve.required') }]}>
          <Input size="large" maxLength={18} autoComplete="off" data-testid="portal-reserve-id" />
        </Form.Item>
        <Form.Item name="phone" label={t('portal.reserve.phone')} rules={[{ required: true, message: t('portal.reserve.required') }]}>
          <Input size="large" maxLength={20} inputMode="tel" autoComplete="tel" data-testid="portal-reserve-phone" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="portal-reserve-error" />}
        <Button type="primary" size="large" block htmlType="submit" loading={busy} disabled={mode === 'reserve' && !pointId} data-testid="portal-reserve-submit">
          {mode === 'reserve' ? t('portal.reserve.submit') : t('portal.reserve.find')}
        </Button>
      </Form>
    </section>
  );
}

export default function ReservePage() {
  const { t } = useI18n();
  const { me } = useSession();
  const region = me?.role === 'resident' ? me.scope.regionCode : null;
  const drives = useQuery({ queryKey: reservationKeys.publicAt(region), queryFn: ({ signal }) => reservationsApi.publicAt(region, signal) });
  if (drives.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (drives.isError) return <Alert type="error" showIcon message={errorText(drives.error, t)} />;
  if ((drives.data ?? []).length === 0) return <Empty description={t('portal.reserve.none')} data-testid="portal-reserve-none" />;
  return (
    <div data-testid="portal-reserve">
      <Typography.Paragraph type="secondary">{t('portal.reserve.intro')}</Typography.Paragraph>
      {drives.data!.map((d) => (
        <DriveCard key={d.id} drive={d} />
      ))}
    </div>
  );
}
