/**
 * 健康申报 on the portal, with or without an account: daily or once, the community one lives in
 * (a signed-in resident's own), then the current published `declarations.self` rendered from its
 * definition. The answer shows what was recorded (personal fields masked) and whether it was
 * flagged; the declarant's own history is found with the document number and phone.
 */
import { Alert, Button, Descriptions, Empty, Form, Input, List, Radio, Result, Select, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeclarationHistory, DeclarationMode, DeclarationReceipt, FormDefinition, PlaceHit } from '@gridgov/contracts';
import { basemapApi } from '../api/basemap';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { enumLabel } from '../shared/labels';
import { FormRenderer, uploadedAttachments, useFormAnswers } from '../shared/forms';
import { AlertTags } from '../features/declarations/AlertTags';
import { declarationKeys, declarationsApi } from '../features/declarations/declarations-api';

function Recorded({ receipt, onAgain }: { receipt: DeclarationReceipt; onAgain: () => void }) {
  const { t, locale } = useI18n();
  const a = receipt.answers;
  const symptoms = Array.isArray(a.symptoms) ? (a.symptoms as string[]) : [];
  return (
    <Result
      status={receipt.abnormal ? 'warning' : 'success'}
      title={t(receipt.abnormal ? 'portal.declare.doneAbnormal' : 'portal.declare.done')}
      subTitle={receipt.replaced ? t('portal.declare.replaced') : undefined}
      extra={
        <div style={{ textAlign: 'left' }} data-testid="portal-declare-done">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'name', label: t('declaration.field.name'), children: receipt.name },
            { key: 'id', label: t('declaration.field.idNumber'), children: <span data-testid="portal-declare-id">{receipt.idNumberMasked}</span> },
            { key: 'phone', label: t('declaration.field.phone'), children: receipt.phoneMasked },
            { key: 'at', label: t('declaration.field.declaredAt'), children: formatDateTime(receipt.declaredAt, locale) },
            { key: 'mode', label: t('declaration.field.mode'), children: t(`declaration.mode.${receipt.mode}`) },
            { key: 'temperature', label: t('declaration.field.temperature'), children: typeof a.temperature === 'number' ? `${a.temperature.toFixed(1)}℃` : '—' },
            { key: 'symptoms', label: t('declaration.field.symptoms'), children: symptoms.length ? symptoms.map((s) => <Tag key={s}>{enumLabel(t, 'declarationSymptom', s)}</Tag>) : t('declaration.none') },
            { key: 'flags', label: t('declaration.field.flags'), children: <AlertTags abnormal={receipt.abnormal} keys={receipt.alerts.map((x) => x.key)} testId="portal-declare-flags" /> },
          ]} />
          {receipt.abnormal && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('portal.declare.followUp')} />}
          <Button block size="large" style={{ marginTop: 12 }} onClick={onAgain} data-testid="portal-declare-again">{t('portal.declare.again')}</Button>
        </div>
      }
    />
  );
}

function CommunityPicker({ value, onChange }: { value?: string; onChange: (code: string) => void }) {
  const { t } = useI18n();
  const [hits, setHits] = useState<PlaceHit[]>([]);
  const search = async (q: string) => {
    if (q.trim().length < 1) return;
    try {
      setHits((await basemapApi.search('public', q.trim())).filter((h) => h.kind === 'region' && /^\d{12}$/.test(h.id)));
    } catch {
      setHits([]);
    }
  };
  return (
    <Select
      showSearch
      size="large"
      value={value}
      placeholder={t('portal.declare.communityPlaceholder')}
      filterOption={false}
      onSearch={(q) => void search(q)}
      onChange={onChange}
      options={hits.map((h) => ({ value: h.id, label: `${h.name}（${h.context}）` }))}
      notFoundContent={null}
      data-testid="portal-declare-community"
    />
  );
}

function DeclareForm({ definition, version }: { definition: FormDefinition; version: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const form = useFormAnswers(definition);
  const own = me?.role === 'resident' ? me.scope.regionCode : undefined;
  const [mode, setMode] = useState<DeclarationMode>('daily');
  const [community, setCommunity] = useState<string | undefined>(own);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<DeclarationReceipt | null>(null);
  const submit = async () => {
    if (!form.submit()) return;
    setBusy(true);
    setError(null);
    try {
      setReceipt(await declarationsApi.declare({ mode, formVersion: version, answers: form.result.ok ? form.result.value : form.answers, ...(community ? { regionCode: community } : {}) }));
      window.scrollTo(0, 0);
    } catch (err) {
      if (!form.showServerErrors(err)) setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  if (receipt) return <Recorded receipt={receipt} onAgain={() => { form.reset(); setReceipt(null); }} />;
  return (
    <section className="gg-portal-section" data-testid="portal-declare-form">
      <Form layout="vertical">
        <Form.Item label={t('declaration.field.mode')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as DeclarationMode)} optionType="button" buttonStyle="solid">
            <Radio.Button value="daily"><span data-testid="portal-declare-daily">{t('declaration.mode.daily')}</span></Radio.Button>
            <Radio.Button value="once"><span data-testid="portal-declare-once">{t('declaration.mode.once')}</span></Radio.Button>
          </Radio.Group>
        </Form.Item>
        {!own && (
          <Form.Item label={t('declaration.field.community')} help={t('portal.declare.communityHelp')}>
            <CommunityPicker value={community} onChange={setCommunity} />
          </Form.Item>
        )}
      </Form>
      <FormRenderer form={form} attachments={uploadedAttachments} testId="portal-declare" showTitle={false} disabled={busy} />
      {error && <Alert type="error" showIcon message={error} style={{ margin: '12px 0' }} data-testid="portal-declare-error" />}
      <Button type="primary" size="large" block loading={busy} onClick={submit} data-testid="portal-declare-submit" style={{ marginTop: 16 }}>
        {t('portal.declare.submit')}
      </Button>
    </section>
  );
}

function History() {
  const { t, locale } = useI18n();
  const [found, setFound] = useState<DeclarationHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lookup = async (v: { idNumber: string; phone: string }) => {
    setBusy(true);
    setError(null);
    try {
      setFound(await declarationsApi.history({ idNumber: v.idNumber.trim(), phone: v.phone.trim() }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gg-portal-section" data-testid="portal-declare-history">
      <Form layout="vertical" onFinish={(v: { idNumber: string; phone: string }) => void lookup(v)} requiredMark={false}>
        <Form.Item name="idNumber" label={t('declaration.field.idNumber')} rules={[{ required: true, message: t('common.required') }]}>
          <Input size="large" maxLength={40} autoComplete="off" data-testid="portal-declare-history-id" />
        </Form.Item>
        <Form.Item name="phone" label={t('declaration.field.phone')} rules={[{ required: true, message: t('common.required') }]}>
          <Input size="large" maxLength={20} inputMode="tel" data-testid="portal-declare-history-phone" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button size="large" block htmlType="submit" loading={busy} data-testid="portal-declare-history-submit">{t('portal.declare.find')}</Button>
      </Form>
      {found && (
        <List
          style={{ marginTop: 12 }}
          dataSource={found.items}
          locale={{ emptyText: <Empty description={t('declaration.none')} /> }}
          renderItem={(d) => (
            <List.Item data-testid="portal-declare-history-item">
              <div style={{ width: '100%' }}>
                <Typography.Text strong>{formatDateTime(d.declaredAt, locale)}</Typography.Text> · {t(`declaration.mode.${d.mode}`)}
                {d.superseded && <Tag style={{ marginLeft: 8 }}>{t('declaration.supersededYes')}</Tag>}
                <div style={{ marginTop: 4 }}>
                  {typeof d.answers.temperature === 'number' ? `${d.answers.temperature.toFixed(1)}℃ ` : ''}
                  <AlertTags abnormal={d.abnormal} keys={d.alerts.map((a) => a.key)} />
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}

export default function DeclarePage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'declare' | 'history'>('declare');
  const form = useQuery({ queryKey: declarationKeys.form, queryFn: ({ signal }) => declarationsApi.form(signal) });
  return (
    <div data-testid="portal-declare">
      <Typography.Paragraph type="secondary">{t('portal.declare.intro')}</Typography.Paragraph>
      <Radio.Group value={tab} onChange={(e) => setTab(e.target.value as 'declare' | 'history')} optionType="button" style={{ marginBottom: 12 }}>
        <Radio.Button value="declare"><span data-testid="portal-declare-tab-declare">{t('portal.declare.tabDeclare')}</span></Radio.Button>
        <Radio.Button value="history"><span data-testid="portal-declare-tab-history">{t('portal.declare.tabHistory')}</span></Radio.Button>
      </Radio.Group>
      {tab === 'history' ? (
        <History />
      ) : form.isLoading ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : form.isError ? (
        <Alert type="error" showIcon message={errorText(form.error, t)} />
      ) : (
        <DeclareForm definition={form.data!.definition} version={form.data!.version} />
      )}
    </div>
  );
}
