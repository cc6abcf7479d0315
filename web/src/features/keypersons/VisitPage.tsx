/**
 * The grid worker's phone page (`#/keypersons/visit`): their own key persons (those they are
 * responsible for, and in their grid those with nobody yet), overdue first, the category only for
 * whoever may see it; then the visit form: day, way, findings, the phone's location, photos, and
 * the visit form as data (`keypersons.visit`: risk observations, a signature if the form has one).
 * A visit goes through the offline queue: stored on the phone first, sent at once when there is
 * network, else when it returns, once (its id is the submission's id and its idempotency key).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { answerAttachmentIds, KP_VISIT_WAYS, type FormDefinition, type KpSummary } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { errorText, useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumOptions } from '../../shared/labels';
import { pointText } from '../../shared/format';
import { FormRenderer, useFormAnswers } from '../../shared/forms';
import { keptAttachments } from '../../shared/offline/kept-attachments';
import { OfflinePhotoPicker } from '../../shared/offline/OfflinePhotoPicker';
import { PendingSubmissions } from '../../shared/offline/PendingSubmissions';
import { newSubmissionId } from '../../shared/offline/policy';
import { useOfflineSubmit } from '../../shared/offline/queue';
import { useRememberedReference } from '../../shared/offline/reference-cache';
import { CategoryName } from './CategoryName';
import { keypersonKeys, keypersonsApi, type VisitBody } from './keypersons-api';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { currentPurpose, keyPersonPurpose } from './purpose';
import { riskTag } from './keyperson-page';
import { visitLogKind, type VisitSubmission } from './offline-visit';

const VISIT_FORM = 'keypersons.visit';

interface Values {
  visitedOn: Dayjs;
  way: string;
  findings: string;
  photos?: File[];
}

function VisitForm({ person, personName, definition, formVersion }: { person: string; personName: string; definition: FormDefinition; formVersion: number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const answers = useFormAnswers(definition);
  const kept = useMemo(() => keptAttachments(), []);
  const offline = useOfflineSubmit(visitLogKind);
  const [point, setPoint] = useState<{ lon: number; lat: number } | null>(null);
  const [locating, setLocating] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const locate = () => {
    if (!navigator.geolocation) {
      setLocating(t('kp.visit.noLocation'));
      return;
    }
    setLocating(t('kp.visit.locating'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPoint({ lon: Number(p.coords.longitude.toFixed(6)), lat: Number(p.coords.latitude.toFixed(6)) });
        setLocating(null);
      },
      () => setLocating(t('kp.visit.noLocation')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const send = async (values: Values) => {
    if (!answers.submit()) return;
    setBusy(true);
    setProblem(null);
    const id = newSubmissionId();
    const value = answers.result.ok ? answers.result.value : answers.answers;
    const formFiles = kept.take(answerAttachmentIds(definition, value));
    const photos = (values.photos ?? []).map((p) => ({ name: p.name, type: p.type, blob: p as Blob }));
    const body: VisitBody = {
      clientId: id,
      visitedOn: values.visitedOn.format('YYYY-MM-DD'),
      way: values.way,
      findings: values.findings.trim(),
      photoIds: [],
      answers: value,
      formVersion,
      ...(point ?? {}),
    };
    const payload: VisitSubmission = { keyPersonId: person, personName, body, photoCount: photos.length, answerFileIds: formFiles.ids };
    try {
      const outcome = await offline.submit(payload, [...photos, ...formFiles.files], { id });
      feedback.success(outcome.status === 'queued' ? t('offline.queued') : t('kp.visit.saved'));
      kept.clear();
      navigate('/keypersons/visit');
    } catch (err) {
      if (!answers.showServerErrors(err)) setProblem(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`${t('kp.visit.log')}：${personName}`} size="small" data-testid="kp-visit-form">
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} initialValues={{ visitedOn: dayjs(), way: 'home', findings: '' }}>
        <Form.Item name="visitedOn" label={t('kp.visit.on')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker data-testid="kp-visit-date" style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="way" label={t('kp.visit.way')} rules={[{ required: true }]}>
          <Select data-testid="kp-visit-way" options={enumOptions(t, 'kpVisitWay', KP_VISIT_WAYS)} />
        </Form.Item>
        <Form.Item name="findings" label={t('kp.visit.findings')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea data-testid="kp-visit-findings" rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('kp.visit.location')}>
          <Space wrap>
            <Button data-testid="kp-visit-locate" onClick={locate}>
              {t('kp.visit.useLocation')}
            </Button>
            {point && <Typography.Text data-testid="kp-visit-point">{t('kp.visit.located', { point: pointText(point.lon, point.lat) })}</Typography.Text>}
            {!point && locating && <Typography.Text type="secondary">{locating}</Typography.Text>}
          </Space>
        </Form.Item>
        <Form.Item name="photos" label={t('kp.visit.photos')}>
          <OfflinePhotoPicker data-testid="kp-visit-photos" />
        </Form.Item>
        <FormRenderer form={answers} attachments={kept.handling} testId="kp-visit-answers" showTitle={false} disabled={busy} />
        {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="kp-visit-error" />}
        <Space style={{ width: '100%' }} orientation="vertical">
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="kp-visit-send">
            {t('kp.visit.log')}
          </Button>
          <Button block onClick={() => navigate('/keypersons/visit')}>
            {t('kp.visit.back')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function PersonLine({ k }: { k: KpSummary }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <Typography.Text strong>{k.name}</Typography.Text>
        {riskTag(t, k.riskLevel)}
        {k.categoryCode && (
          <Tag data-testid={`kp-visit-category-${k.id}`}>
            <CategoryName code={k.categoryCode} />
          </Tag>
        )}
        {k.overdue && <Tag color="red">{t('kp.overdue')}</Tag>}
      </Space>
      <Typography.Text type="secondary">{t('kp.visit.dueOn', { date: k.nextVisitDue.slice(0, 10) })}</Typography.Text>
    </Space>
  );
}

function VisitScreen() {
  const { t } = useI18n();
  const me = useSession().me;
  const owner = me?.id ?? null;
  const selected = useLocation().query.get('id');
  const offline = useOfflineSubmit(visitLogKind);
  const people = useQuery({
    queryKey: keypersonKeys.list({ mine: true }),
    queryFn: ({ signal }) => keypersonsApi.list({ mine: 'true', page: 1, pageSize: 200, purpose: currentPurpose() }, signal),
    meta: { silent: true },
  });
  // The visit form is configuration, not personal data: remembered for a visit written offline.
  const current = useQuery({ queryKey: ['forms', VISIT_FORM, 'current'], queryFn: () => formsApi.current(VISIT_FORM), meta: { silent: true }, staleTime: 5 * 60_000 });
  const visitRead = useMemo(() => (current.data ? { definition: current.data.definition, version: current.data.version } : undefined), [current.data]);
  const visitForm = useRememberedReference(owner, 'keyperson-visit-form', visitRead);
  // The name shown on the form and in the "to send" list: from the list, or the link (opened offline).
  const items = useMemo(() => [...(people.data?.items ?? [])].sort((a, b) => a.nextVisitDue.localeCompare(b.nextVisitDue)), [people.data]);
  const person = items.find((k) => k.id === selected) ?? null;

  if (!selected) {
    return (
      <div data-testid="kp-visit-page">
        <PendingSubmissions kind={visitLogKind.kind} />
        <Card title={t('kp.visit.pick')} size="small" style={{ marginTop: offline.pending.length > 0 ? 12 : 0 }}>
          {people.isError && <Alert type="warning" showIcon title={errorText(people.error, t)} data-testid="kp-visit-list-error" style={{ marginBottom: 8 }} />}
          <List
            loading={people.isLoading}
            dataSource={items}
            data-testid="kp-visit-list"
            locale={{ emptyText: t('kp.visit.nobody') }}
            renderItem={(k) => (
              <List.Item data-testid={`kp-visit-pick-${k.id}`} data-overdue={k.overdue ? 'true' : 'false'} onClick={() => navigate(`/keypersons/visit?id=${k.id}`)} style={{ cursor: 'pointer' }}>
                <PersonLine k={k} />
              </List.Item>
            )}
          />
        </Card>
      </div>
    );
  }
  if (!visitForm || (!person && people.isLoading)) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (!person) return <Alert type="warning" showIcon title={t('kp.visit.notYours')} data-testid="kp-visit-unknown" />;
  return <VisitForm key={person.id} person={person.id} personName={person.name} definition={visitForm.definition} formVersion={visitForm.version} />;
}

export default function KeyPersonVisitPage() {
  return (
    <PurposeGate store={keyPersonPurpose} testId="kp" introKey="kp.purpose.intro">
      <VisitScreen />
    </PurposeGate>
  );
}
