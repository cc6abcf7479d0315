/** The parts of a drive's detail: its steps, its points with what is left, the pickup desk and its reservations. */
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SUPPLY_DRIVE_ACTION_INPUTS, type Reservation, type SupplyDrive } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';
import { WorkflowSteps } from '../../shared/record-page/WorkflowSteps';
import { reservationKeys, reservationsApi } from './reservations-api';

export function DriveSteps({ record, onChange }: DetailPartProps<SupplyDrive>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="reservations"
      steps={['open', 'close', 'cancel']}
      inputs={SUPPLY_DRIVE_ACTION_INPUTS}
      label={(t, s) => t(`reservation.action.${s}`)}
      confirm={(t, s) => t(`reservation.confirm.${s}`)}
      done={(t, s) => t(`reservation.done.${s}`)}
      notePlaceholder={(t) => t('reservation.notePlaceholder')}
      noteNeeded={(t) => t('reservation.noteNeeded')}
      run={(step, body) => reservationsApi.step(record.id, step, body)}
      primary={['open']}
      danger={['cancel']}
    />
  );
}

export function DrivePoints({ record }: DetailPartProps<SupplyDrive>) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={record.points}
      data-testid="reservations-points"
      scroll={{ x: true }}
      columns={[
        { key: 'name', title: t('reservation.point.name'), dataIndex: 'name' },
        { key: 'address', title: t('reservation.point.address'), dataIndex: 'address' },
        { key: 'hours', title: t('reservation.point.hours'), dataIndex: 'hours', render: (v: string) => orDash(v) },
        { key: 'stock', title: t('reservation.point.stock'), dataIndex: 'stock' },
        { key: 'reserved', title: t('reservation.point.reserved'), dataIndex: 'reserved' },
        { key: 'pickedUp', title: t('reservation.point.pickedUp'), dataIndex: 'pickedUp' },
        { key: 'left', title: t('reservation.point.left'), render: (_: unknown, p: SupplyDrive['points'][number]) => p.stock - p.reserved },
      ]}
    />
  );
}

/** The desk at a pickup point: the resident's code, and what the reservation says to compare with the ID card shown. */
export function PickupDesk({ record }: DetailPartProps<SupplyDrive>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Reservation | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      const r = await reservationsApi.pickup(record.id, code.trim());
      setDone(r);
      setCode('');
      feedback.success(t('reservation.pickup.done'));
      await client.invalidateQueries({ queryKey: reservationKeys.all });
    } catch (error) {
      setDone(null);
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ maxWidth: 360, width: '100%' }}>
        <Input
          inputMode="numeric"
          maxLength={8}
          placeholder={t('reservation.pickup.code')}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          onPressEnter={() => code.length === 8 && void confirm()}
          data-testid="reservations-pickup-code"
        />
        <Button type="primary" loading={busy} disabled={code.length !== 8} onClick={() => void confirm()} data-testid="reservations-pickup-confirm">
          {t('reservation.pickup.confirm')}
        </Button>
      </Space.Compact>
      {done && (
        <Typography.Text type="success" data-testid="reservations-pickup-result">
          {t('reservation.pickup.result', { name: done.name, id: done.idNumberMasked, point: done.pointName })}
        </Typography.Text>
      )}
    </Space>
  );
}

export function DriveReservations({ record }: DetailPartProps<SupplyDrive>) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const params = { page, pageSize: 20 };
  const found = useQuery({ queryKey: reservationKeys.reservations(record.id, params), queryFn: ({ signal }) => reservationsApi.reservations(record.id, params, signal) });
  return (
    <Table
      size="small"
      rowKey="id"
      loading={found.isLoading}
      dataSource={found.data?.items ?? []}
      data-testid="reservations-list"
      scroll={{ x: true }}
      pagination={{ current: page, pageSize: 20, total: found.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      columns={[
        { key: 'name', title: t('reservation.field.name'), dataIndex: 'name' },
        { key: 'id', title: t('reservation.field.idNumber'), dataIndex: 'idNumberMasked' },
        { key: 'phone', title: t('reservation.field.phone'), dataIndex: 'phoneMasked' },
        { key: 'point', title: t('reservation.field.point'), dataIndex: 'pointName' },
        { key: 'status', title: t('reservation.field.status'), dataIndex: 'status', render: (s: Reservation['status']) => <Tag color={s === 'picked_up' ? 'success' : s === 'released' ? 'default' : 'processing'}>{t(`reservation.reservationStatus.${s}`)}</Tag> },
        { key: 'reservedAt', title: t('reservation.field.reservedAt'), dataIndex: 'reservedAt', render: (v: string) => formatDateTime(v, locale) },
      ]}
    />
  );
}
