/** The pickup points of a new drive, as a controlled form control: name, address, community, hours and stock per row. */
import { Button, Input, InputNumber, Space } from 'antd';
import type { SupplyDriveInput } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';

type Point = SupplyDriveInput['points'][number];

export function PointsEditor({ value = [], onChange, regionCode, 'data-testid': testId }: { value?: Point[]; onChange?: (points: Point[]) => void; regionCode: string; 'data-testid'?: string }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<Point>) => onChange?.(value.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      {value.map((p, i) => (
        <Space key={i} wrap align="start" data-testid={`${testId}-${i}`}>
          <Input style={{ width: 160 }} placeholder={t('reservation.point.name')} value={p.name} maxLength={60} onChange={(e) => set(i, { name: e.target.value })} data-testid={`${testId}-${i}-name`} />
          <Input style={{ width: 180 }} placeholder={t('reservation.point.address')} value={p.address} maxLength={120} onChange={(e) => set(i, { address: e.target.value })} data-testid={`${testId}-${i}-address`} />
          <RegionCodeInput style={{ width: 220 }} levels={['community']} value={p.regionCode} onChange={(code) => set(i, { regionCode: code })} placeholder={t('reservation.point.community')} data-testid={`${testId}-${i}-region`} />
          <Input style={{ width: 120 }} placeholder={t('reservation.point.hours')} value={p.hours} maxLength={60} onChange={(e) => set(i, { hours: e.target.value })} data-testid={`${testId}-${i}-hours`} />
          <InputNumber style={{ width: 110 }} min={1} max={1_000_000} placeholder={t('reservation.point.stock')} value={p.stock} onChange={(v) => set(i, { stock: v ?? 0 })} data-testid={`${testId}-${i}-stock`} />
          <Button danger onClick={() => onChange?.(value.filter((_, j) => j !== i))} disabled={value.length === 1}>
            {t('reservation.point.remove')}
          </Button>
        </Space>
      ))}
      <Button onClick={() => onChange?.([...value, { name: '', address: '', regionCode, hours: '', stock: 100 }])} data-testid={`${testId}-add`}>
        {t('reservation.point.add')}
      </Button>
    </Space>
  );
}
