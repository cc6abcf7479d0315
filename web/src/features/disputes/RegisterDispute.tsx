/**
 * Registering a dispute: a grid, then the current published version of `disputes.register`
 * rendered from its definition (forms as data); the server validates the same definition and
 * its field errors land on their fields.
 */
import { Button, Form, Modal, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DISPUTE_FORM_KEY, type FormDefinition } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { FormRenderer, uploadedAttachments, useFormAnswers, useSendAnswers } from '../../shared/forms';
import { GridSelect } from '../../shared/fields/GridSelect';
import { disputeKeys, disputesApi } from './disputes-api';

export function RegisterDispute({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const current = useQuery({ queryKey: ['forms', 'current', DISPUTE_FORM_KEY], queryFn: () => formsApi.current(DISPUTE_FORM_KEY) });
  return (
    <Modal open title={t('dispute.register')} onCancel={onClose} footer={null} width={760} destroyOnHidden data-testid="disputes-register-dialog">
      {current.data ? <RegisterForm definition={current.data.definition} version={current.data.version} onClose={onClose} /> : <Spin />}
    </Modal>
  );
}

function RegisterForm({ definition, version, onClose }: { definition: FormDefinition; version: number; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const form = useFormAnswers(definition);
  const [gridId, setGridId] = useState<string | undefined>();
  const { busy, send } = useSendAnswers(form);
  const submit = async () => {
    if (!gridId) {
      feedback.error(new Error(t('record.gridRequired')));
      return;
    }
    if ((await send((answers) => disputesApi.create({ gridId, formVersion: version, answers }))) === null) return;
    feedback.success(t('dispute.registered'));
    await queryClient.invalidateQueries({ queryKey: disputeKeys.all });
    onClose();
  };
  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t('record.grid')} required>
          <GridSelect value={gridId} onChange={setGridId} data-testid="disputes-register-grid" />
        </Form.Item>
      </Form>
      <FormRenderer form={form} attachments={uploadedAttachments} testId="dispute-form" showTitle={false} />
      <Button type="primary" loading={busy} onClick={submit} data-testid="disputes-register-submit" style={{ marginTop: 16 }}>
        {t('dispute.register')}
      </Button>
    </>
  );
}
