/**
 * A point (and optionally the address in words): picked on the map (the registers' picker) or
 * taken from the device ("use my location").
 */
import { Button, Input, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { FormLocation } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';

const PointPickerModal = lazy(() => import('../map/PointPickerModal'));

interface Props {
  value: Partial<FormLocation> | null;
  onChange: (value: Partial<FormLocation> | undefined) => void;
  withAddress: boolean;
  disabled?: boolean;
  testId: string;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function LocationInput({ value, onChange, withAddress, disabled, testId }: Props) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const point = typeof value?.lon === 'number' && typeof value.lat === 'number' ? { lon: value.lon, lat: value.lat } : null;

  const update = (next: Partial<FormLocation>) => {
    const merged = Object.fromEntries(Object.entries({ ...(value ?? {}), ...next }).filter(([, v]) => v !== undefined)) as Partial<FormLocation>;
    onChange(Object.keys(merged).length === 0 ? undefined : merged);
  };

  const locate = () => {
    setProblem(null);
    if (!('geolocation' in navigator)) {
      setProblem(t('form.location.unsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        update({ lon: round(position.coords.longitude), lat: round(position.coords.latitude) });
      },
      (error) => {
        setLocating(false);
        setProblem(t('form.location.denied', { reason: error.message || String(error.code) }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div data-testid={testId}>
      <Space wrap size={[8, 6]}>
        <Typography.Text type={point ? undefined : 'secondary'} data-testid={`${testId}-point`}>
          {point ? `${point.lon.toFixed(6)}, ${point.lat.toFixed(6)}` : t('form.location.none')}
        </Typography.Text>
        {!disabled && (
          <>
            <Button size="small" onClick={() => setPicking(true)} data-testid={`${testId}-pick`}>
              {t('form.location.pick')}
            </Button>
            <Button size="small" onClick={locate} loading={locating} data-testid={`${testId}-mine`}>
              {locating ? t('form.location.locating') : t('form.location.mine')}
            </Button>
            {point && (
              <Button size="small" type="link" onClick={() => update({ lon: undefined, lat: undefined })}>
                {t('form.location.clear')}
              </Button>
            )}
          </>
        )}
      </Space>
      {problem && (
        <Typography.Text type="warning" style={{ display: 'block' }}>
          {problem}
        </Typography.Text>
      )}
      {withAddress && (
        <Input
          style={{ marginTop: 6 }}
          placeholder={t('form.location.address')}
          value={value?.address ?? ''}
          onChange={(e) => update({ address: e.target.value === '' ? undefined : e.target.value })}
          disabled={disabled}
          data-testid={`${testId}-address`}
        />
      )}
      {picking && (
        <Suspense fallback={null}>
          <PointPickerModal
            initial={point}
            onCancel={() => setPicking(false)}
            onPick={(picked) => {
              update(picked);
              setPicking(false);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
