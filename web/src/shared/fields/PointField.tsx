/**
 * Longitude and latitude as two form fields (`lon`, `lat`, so the server's field errors land on
 * them) with a map picker. `required`: a facility must have a location.
 */
import { Button, Form, InputNumber, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { useMyLocation } from '../hooks/use-my-location';
import { contractRule } from './contract-rules';

const PointPickerModal = lazy(() => import('../map/PointPickerModal'));

interface Props {
  lonSchema: z.ZodType;
  latSchema: z.ZodType;
  required?: boolean;
  testId: string;
}

export function PointField({ lonSchema, latSchema, required, testId }: Props) {
  const { t } = useI18n();
  const form = Form.useFormInstance<{ lon?: number | null; lat?: number | null }>();
  const [picking, setPicking] = useState(false);
  const here = useMyLocation();
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  // One message for the pair, on longitude: required, or both-or-neither; each checks its range.
  const lonRule = {
    validator: async (_rule: unknown, value: unknown) => {
      const hasLon = typeof value === 'number';
      const hasLat = typeof form.getFieldValue('lat') === 'number';
      if (!hasLon && !hasLat) {
        if (required) throw new Error(t('record.rule.required'));
        return;
      }
      if (hasLon !== hasLat) throw new Error(t('record.pointBoth'));
    },
  };
  return (
    <Form.Item label={t('record.point')} required={required}>
      <Space.Compact style={{ display: 'flex', width: '100%' }}>
        <Form.Item name="lon" noStyle rules={[lonRule, contractRule(lonSchema, t, { skipEmpty: true })]} dependencies={['lat']}>
          <InputNumber placeholder={t('record.lon')} min={-180} max={180} step={0.0001} precision={6} style={{ flex: 1 }} data-testid={`${testId}-lon`} />
        </Form.Item>
        <Form.Item name="lat" noStyle rules={[contractRule(latSchema, t, { skipEmpty: true })]}>
          <InputNumber placeholder={t('record.lat')} min={-90} max={90} step={0.0001} precision={6} style={{ flex: 1 }} data-testid={`${testId}-lat`} />
        </Form.Item>
        <Button onClick={() => setPicking(true)} data-testid={`${testId}-pick`}>
          {t('record.pickPoint')}
        </Button>
      </Space.Compact>
      {/* On a phone in the field: the device's own position. */}
      <Button
        type="link"
        size="small"
        loading={here.locating}
        style={{ paddingInline: 0 }}
        onClick={() =>
          here.locate((point) => {
            form.setFieldsValue(point);
            void form.validateFields(['lon', 'lat']);
          })
        }
        data-testid={`${testId}-locate`}
      >
        {t('portal.map.locate')}
      </Button>
      {here.error && (
        <Typography.Text type="warning" style={{ marginInlineStart: 8 }} data-testid={`${testId}-locate-error`}>
          {t(here.error)}
        </Typography.Text>
      )}
      {picking && (
        <Suspense fallback={null}>
          <PointPickerModal
            initial={typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null}
            onCancel={() => setPicking(false)}
            onPick={(point) => {
              form.setFieldsValue({ lon: point.lon, lat: point.lat });
              void form.validateFields(['lon', 'lat']);
              setPicking(false);
            }}
          />
        </Suspense>
      )}
    </Form.Item>
  );
}
