/** A time limit kept in minutes, entered in hours or days. A controlled antd form control. */
import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n';

type Unit = 'h' | 'd';
const FACTOR: Record<Unit, number> = { h: 60, d: 24 * 60 };

interface Props {
  value?: number;
  onChange?: (minutes: number | undefined) => void;
  'data-testid'?: string;
}

export function LimitInput({ value, onChange, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [unit, setUnit] = useState<Unit>(() => (value !== undefined && value % (24 * 60) === 0 && value >= 24 * 60 ? 'd' : 'h'));
  const shown = value === undefined ? null : Math.round((value / FACTOR[unit]) * 100) / 100;
  return (
    <Space.Compact>
      <InputNumber<number>
        value={shown}
        min={unit === 'h' ? 0.25 : 1}
        step={unit === 'h' ? 1 : 1}
        precision={unit === 'h' ? 2 : 0}
        onChange={(next) => onChange?.(next === null ? undefined : Math.round(next * FACTOR[unit]))}
        style={{ width: 120 }}
        data-testid={testId}
      />
      <Select<Unit>
        value={unit}
        onChange={setUnit}
        options={[
          { value: 'h', label: t('ticket.config.hours') },
          { value: 'd', label: t('ticket.config.days') },
        ]}
        style={{ width: 80 }}
      />
    </Space.Compact>
  );
}
