/**
 * One survey task's answer on the phone: which door first (the household's number and address,
 * the campaign, a follow-up's reason), then the campaign's form (forms as data: conditions,
 * repeats, validation, photos and a signature) with the household's address already in its
 * address field, and where the visit was (the form's own location field when it has one, else
 * a button for the phone's location): the answer's point. The answer goes through the offline queue: stored on
 * the phone first, sent at once when there is network, else when it returns, once (its id is
 * the submission's id and its idempotency key).
 */
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { answerAttachmentIds, type FormDefinition, type SurveyTask } from '@gridgov/contracts';
import { errorText, useFeedback } from '../../app/feedback';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { pointText } from '../../shared/format';
import { FormRenderer, useFormAnswers } from '../../shared/forms';
import { keptAttachments } from '../../shared/offline/kept-attachments';
import { newSubmissionId } from '../../shared/offline/policy';
import { useOfflineSubmit } from '../../shared/offline/queue';
import { surveyAnswerKind } from './offline-answer';

function pointOf(value: unknown): { lon: number; lat: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { lon, lat } = value as { lon?: unknown; lat?: unknown };
  return typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null;
}

/** Which door: the household's number and address, the campaign, and whether the task is a follow-up. */
export function HouseholdHeader({ task }: { task: SurveyTask }) {
  const { t } = useI18n();
  return (
    <div data-testid="survey-household" style={{ display: 'flex', flexDirection: 'column', gap: 2, marginBottom: 12, padding: '8px 12px', background: '#f5f7fa', borderRadius: 6 }}>
      <Space size={6} wrap>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="survey-household-number">{task.householdNumber}</Typography.Text>
        {task.kind === 'follow_up' && <Tag color="orange">{t('campaign.taskKind.follow_up')}</Tag>}
      </Space>
      <Typography.Text data-testid="survey-household-address">{task.address ?? t('campaign.field.noAddress')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${task.campaignName} · ${task.gridName}`}</Typography.Text>
    </div>
  );
}

export function SurveyAnswerForm({ task, definition, formVersion, back }: { task: SurveyTask; definition: FormDefinition; formVersion: number; back: string }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const answers = useFormAnswers(definition, { prefill: { address: task.address } });
  const kept = useMemo(() => keptAttachments(), []);
  const offline = useOfflineSubmit(surveyAnswerKind);
  // One place to say where: the form's location field if it has one (its point is the answer's).
  const placeKey = definition.fields.find((f) => f.type === 'location')?.key ?? null;
  const [point, setPoint] = useState<{ lon: number; lat: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPoint({ lon: Number(p.coords.longitude.toFixed(6)), lat: Number(p.coords.latitude.toFixed(6)) }),
      () => setProblem(t('campaign.field.noLocation')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );

  const send = async () => {
    if (!answers.submit()) return;
    setBusy(true);
    setProblem(null);
    const id = newSubmissionId();
    const value = answers.result.ok ? answers.result.value : answers.answers;
    const files = kept.take(answerAttachmentIds(definition, value));
    const where = placeKey ? pointOf(value[placeKey]) : point;
    try {
      const outcome = await offline.submit({ taskId: task.id, label: `${task.campaignName} ${task.householdNumber}`, body: { clientId: id, formVersion, answers: value, ...(where ?? {}) }, answerFileIds: files.ids }, files.files, { id });
      feedback.success(outcome.status === 'queued' ? t('offline.queued') : t('campaign.field.saved'));
      kept.clear();
      navigate(back);
    } catch (err) {
      if (!answers.showServerErrors(err)) setProblem(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('campaign.field.answerTitle')} size="small" data-testid="survey-answer-form">
      <HouseholdHeader task={task} />
      {!placeKey && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Button onClick={locate} data-testid="survey-locate">{t('campaign.field.useLocation')}</Button>
          {point && <Typography.Text data-testid="survey-point">{pointText(point.lon, point.lat)}</Typography.Text>}
        </Space>
      )}
      <FormRenderer form={answers} attachments={kept.handling} testId="survey-answers" showTitle={false} disabled={busy} />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="survey-error" />}
      <Space style={{ width: '100%' }} orientation="vertical">
        <Button type="primary" block loading={busy} onClick={() => void send()} data-testid="survey-send">{t('campaign.field.send')}</Button>
        <Button block onClick={() => navigate(back)} data-testid="survey-back">{t('campaign.field.back')}</Button>
      </Space>
    </Card>
  );
}
