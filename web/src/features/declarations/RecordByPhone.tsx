/**
 * Recording a declaration taken by phone (电话代录): the community, daily or once, then the
 * current published `declarations.self` rendered from its definition (forms as data); the
 * server's field errors land on their fields.
 */
import { Alert, Button, Form, Input, Modal, Radio, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeclarationMode, DeclarationReceipt, FormDefinition } from '@gridgov/contracts';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { FormRenderer, uploadedAttachments, useFormAnswers, useSendAnswers } from '../../shared/forms';
import { AlertTags } from './AlertTags';
import { declarationKeys, declarationsApi } from './declarations-api';

export function RecordByPhone({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const form = useQuery({ queryKey: declarationKeys.form, queryFn: ({ signal }) => declarationsApi.form(signal) });
  return (
    <Modal open title={t('declaration.recordByPhone')} onCancel={onClose} footer={null} width={760} destroyOnHidden data-testid="declarations-phone-dialog">
      {form.data ? <PhoneForm definition={form.data.definition} version={form.data.version} onClose={onClose} /> : <Spin />}
    </Modal>
  );
}

function PhoneForm({ definition, version, onClose }: { definition: FormDefinition; version: number; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const client = useQueryClient();
  const form = useFormAnswers(definition);
  const [mode, setMode] = useState<DeclarationMode>('daily');
  const [regionCode, setRegionCode] = useState(me?.scope.regionCode ?? '');
  const { busy, send } = useSendAnswers(form);
  const [done, setDone] = useState<DeclarationReceipt | null>(null);
  const submit = async () => {
    const receipt = await send((answers) => declarationsApi.record({ mode, regionCode: regionCode.trim(), formVersion: version, answers }));
    if (receipt === null) return;
    setDone(receipt);
    await client.invalidateQueries({ queryKey: declarationKeys.all });
  };
  if (done) {
    return (
      <div data-testid="declarations-phone-done">
        <Alert type="success" showIcon message={t('declaration.recorded', { id: done.idNumberMasked })} style={{ marginBottom: 12 }} />
        <AlertTags abnormal={done.abnormal} keys={done.alerts.map((a) => a.key)} />
        <div style={{ marginTop: 16 }}>
          <Button onClick={onClose}>{t('declaration.close')}</Button>
        </div>
      </div>
    );
  }
  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t('declaration.field.mode')} required>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as DeclarationMode)} optionType="button" options={[{ value: 'daily', label: t('declaration.mode.daily') }, { value: 'once', label: t('declaration.mode.once') }]} />
        </Form.Item>
        <Form.Item label={t('declaration.field.community')} help={t('declaration.communityHelp')} required>
          <Input value={regionCode} onChange={(e) => setRegionCode(e.target.value)} maxLength={12} data-testid="declarations-phone-region" />
        </Form.Item>
      </Form>
      <FormRenderer form={form} attachments={uploadedAttachments} testId="declarations-phone-form" showTitle={false} />
      <Button type="primary" loading={busy} onClick={submit} data-testid="declarations-phone-submit" style={{ marginTop: 16 }}>
        {t('declaration.recordByPhone')}
      </Button>
    </>
  );
}
