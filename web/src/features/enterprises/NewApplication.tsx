/**
 * Filing a resumption application on an enterprise's behalf: the enterprise (from the register),
 * its staff list (who returns, from where), then the current published version of
 * `enterprises.resumption` rendered from its definition (forms as data).
 */
import { Button, Form, Input, Modal, Select, Spin, Switch, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RESUMPTION_FORM_KEY, type EnterpriseRef, type FormDefinition } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { FormRenderer, uploadedAttachments, useFormAnswers, useSendAnswers } from '../../shared/forms';
import { enterpriseKeys, enterprisesApi } from './enterprises-api';

export function NewApplication({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const current = useQuery({ queryKey: ['forms', 'current', RESUMPTION_FORM_KEY], queryFn: () => formsApi.current(RESUMPTION_FORM_KEY) });
  return (
    <Modal open title={t('enterprise.new')} onCancel={onClose} footer={null} width={820} destroyOnHidden data-testid="enterprise-applications-new-dialog">
      {current.data ? <ApplicationForm definition={current.data.definition} version={current.data.version} onClose={onClose} /> : <Spin />}
    </Modal>
  );
}

interface StaffLine {
  residentId: string;
  name: string;
  returning: boolean;
  comingFrom: string;
}

function ApplicationForm({ definition, version, onClose }: { definition: FormDefinition; version: number; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const form = useFormAnswers(definition);
  const [q, setQ] = useState('');
  const enterprises = useQuery({ queryKey: enterpriseKeys.enterprises({ q }), queryFn: ({ signal }) => enterprisesApi.enterprises({ q: q || undefined, page: 1, pageSize: 50 }, signal) });
  const [chosen, setChosen] = useState<EnterpriseRef | null>(null);
  const [staff, setStaff] = useState<StaffLine[]>([]);
  const { busy, send } = useSendAnswers(form);
  const choose = (id: string) => {
    const e = enterprises.data?.items.find((x) => x.id === id) ?? null;
    setChosen(e);
    setStaff((e?.employees ?? []).map((p) => ({ residentId: p.residentId, name: p.name, returning: false, comingFrom: '' })));
  };
  const patch = (residentId: string, change: Partial<StaffLine>) => setStaff((lines) => lines.map((l) => (l.residentId === residentId ? { ...l, ...change } : l)));
  const submit = async () => {
    if (!chosen || staff.length === 0) {
      feedback.error(new Error(t('enterprise.chooseEnterprise')));
      return;
    }
    const answered = await send((answers) =>
      enterprisesApi.create({
        organizationId: chosen.id,
        formVersion: version,
        answers,
        staff: staff.map((s) => ({ residentId: s.residentId, returning: s.returning, ...(s.returning && s.comingFrom.trim() ? { comingFrom: s.comingFrom.trim() } : {}) })),
      }),
    );
    if (answered === null) return;
    feedback.success(t('enterprise.created'));
    await queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
    onClose();
  };
  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t('enterprise.field.enterprise')} required>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            value={chosen?.id}
            onChange={choose}
            options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.gridName}）` }))}
            data-testid="enterprise-applications-new-enterprise"
          />
        </Form.Item>
        {chosen && (
          <Form.Item label={t('enterprise.field.staff')}>
            <Table
              size="small"
              rowKey="residentId"
              pagination={false}
              dataSource={staff}
              data-testid="enterprise-applications-new-staff"
              columns={[
                { key: 'name', title: t('enterprise.field.name'), dataIndex: 'name' },
                { key: 'returning', title: t('enterprise.field.returning'), render: (_: unknown, l: StaffLine) => <Switch size="small" checked={l.returning} onChange={(v) => patch(l.residentId, { returning: v })} /> },
                {
                  key: 'from', title: t('enterprise.field.comingFrom'),
                  render: (_: unknown, l: StaffLine) => <Input size="small" disabled={!l.returning} maxLength={100} value={l.comingFrom} onChange={(e) => patch(l.residentId, { comingFrom: e.target.value })} />,
                },
              ]}
            />
          </Form.Item>
        )}
      </Form>
      <FormRenderer form={form} attachments={uploadedAttachments} testId="enterprise-form" showTitle={false} />
      <Button type="primary" loading={busy} onClick={submit} data-testid="enterprise-applications-new-submit" style={{ marginTop: 16 }}>
        {t('enterprise.new')}
      </Button>
    </>
  );
}
