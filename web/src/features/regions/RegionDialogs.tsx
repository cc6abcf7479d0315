/** Create a child region, rename a region, revoke a region: three small forms in modals. */
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Region, RegionLevel } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { levelLabel } from '../../app/labels';
import { withTestId } from '../../app/test-id';
import { regionsApi } from '../../api/regions';
import { useI18n } from '../../i18n/i18n';

/** Significant digits of a code at each level (2+2+2+3+3). */
const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, community: 12 };
const CHILD_LEVEL: Partial<Record<RegionLevel, RegionLevel>> = {
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'community',
};

export type RegionDialog = { kind: 'create' | 'rename' | 'revoke'; region: Region } | null;

interface Props {
  dialog: RegionDialog;
  onClose: () => void;
  onDone: (kind: 'create' | 'rename' | 'revoke', region: Region, changed: Region) => void;
}

interface Values {
  code?: string;
  name?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

export function RegionDialogs({ dialog, onClose, onDone }: Props) {
  if (!dialog) return null;
  // A fresh form for every opening.
  return <RegionDialogForm key={`${dialog.kind}:${dialog.region.code}`} dialog={dialog} onClose={onClose} onDone={onDone} />;
}

function RegionDialogForm({ dialog, onClose, onDone }: Omit<Props, 'dialog'> & { dialog: NonNullable<RegionDialog> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { kind, region } = dialog;
  const prefix = region.code.slice(0, PREFIX_LENGTH[region.level]);
  const childLevel = CHILD_LEVEL[region.level];

  const initialValues: Values =
    kind === 'create'
      ? { code: prefix, name: '', validFrom: null }
      : kind === 'rename'
        ? { name: region.name }
        : { validTo: dayjs() };

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      let changed: Region;
      if (kind === 'create') {
        changed = await regionsApi.create({
          code: (values.code ?? '').trim(),
          name: (values.name ?? '').trim(),
          validFrom: values.validFrom ? values.validFrom.format('YYYY-MM-DD') : undefined,
        });
      } else if (kind === 'rename') {
        changed = await regionsApi.update(region.code, { name: (values.name ?? '').trim() });
      } else {
        changed = await regionsApi.update(region.code, { validTo: values.validTo?.format('YYYY-MM-DD') });
      }
      onDone(kind, region, changed);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  const title =
    kind === 'create'
      ? t('regions.createChildOf', { name: region.name, level: childLevel ? levelLabel(t, childLevel) : '' })
      : kind === 'rename'
        ? t('regions.renameTitle', { name: region.name })
        : t('regions.revokeTitle', { name: region.name });

  return (
    <Modal
      open
      title={title}
      okText={kind === 'revoke' ? t('regions.revoke') : t('common.save')}
      okButtonProps={withTestId({ danger: kind === 'revoke', loading: submitting }, 'region-form-submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="region-form-error" />}
      {kind === 'revoke' && <Alert type="warning" showIcon title={t('regions.revokeWarning')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false}>
        {kind === 'create' && (
          <Form.Item
            name="code"
            label={t('regions.code')}
            extra={t('regions.codeHint', { prefix })}
            rules={[
              { required: true, pattern: /^\d{12}$/, message: t('regions.codeInvalid') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || value.startsWith(prefix) ? Promise.resolve() : Promise.reject(new Error(t('regions.codePrefix', { prefix }))),
              },
            ]}
          >
            <Input maxLength={12} inputMode="numeric" data-testid="region-form-code" />
          </Form.Item>
        )}
        {(kind === 'create' || kind === 'rename') && (
          <Form.Item name="name" label={t('regions.name')} rules={[{ required: true, whitespace: true, max: 64, message: t('common.required') }]}>
            <Input maxLength={64} data-testid="region-form-name" />
          </Form.Item>
        )}
        {kind === 'create' && (
          <Form.Item name="validFrom" label={t('regions.validFrom')} extra={t('regions.validFromHint')}>
            <DatePicker style={{ width: '100%' }} data-testid="region-form-valid-from" />
          </Form.Item>
        )}
        {kind === 'revoke' && (
          <Form.Item name="validTo" label={t('regions.validTo')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="region-form-valid-to" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
