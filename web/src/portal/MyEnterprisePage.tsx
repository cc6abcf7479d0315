/**
 * 我的企业 on the portal, for the account an operator linked to enterprises as their filer
 * (企业填报人): only those enterprises. For each: its resumption application (drafted, edited and
 * submitted here with the same form definition and a staff list from its employees; the decision
 * and the reviewer's reason when it was returned or rejected), and, once approved to resume, the
 * day's staff health (present or absent, temperature, symptoms; absent and abnormal flagged).
 * Below, the review decisions (退回 / 批准 / 不予批准 / 撤销) as notices, for every linked
 * enterprise, unread ones marked; a tap marks one read.
 */
import { Alert, Badge, Button, Card, Empty, Input, InputNumber, List, Result, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { chinaToday, SYMPTOMS, type Application, type ApplicationStatus, type FormAnswers, type FormDefinition, type HealthReport, type MyEnterprise } from '@gridgov/contracts';
import { errorText, useFeedback } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useI18n } from '../i18n/i18n';
import { FormRenderer, uploadedAttachments, useFormAnswers, useSendAnswers } from '../shared/forms';
import { displayTimeZone } from '../shared/time-zone';
import { enterpriseKeys, myEnterprisesApi, type HealthEntryValue, type StaffValue } from '../features/enterprises/enterprises-api';

const STATUS_COLOURS: Record<ApplicationStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', approved: 'success', rejected: 'error', revoked: 'magenta' };
/** The states from which a new application may be drafted (none open). */
const CLOSED: readonly ApplicationStatus[] = ['rejected', 'revoked'];

export default function MyEnterprisePage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: enterpriseKeys.mine, queryFn: ({ signal }) => myEnterprisesApi.list(signal) });
  const [chosen, setChosen] = useState<string | null>(null);
  if (list.isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (list.isError) return <Alert type="error" showIcon message={errorText(list.error, t)} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return <Result status="info" title={t('myEnterprise.none')} subTitle={t('myEnterprise.noneHelp')} data-testid="portal-enterprise-none" />;
  const current = items.find((e) => e.id === chosen) ?? items[0]!;
  return (
    <div data-testid="portal-enterprise">
      {items.length > 1 && (
        <Select
          size="large"
          style={{ width: '100%', marginBottom: 12 }}
          value={current.id}
          onChange={setChosen}
          options={items.map((e) => ({ value: e.id, label: e.name }))}
          data-testid="portal-enterprise-pick"
        />
      )}
      <EnterpriseView key={current.id} enterprise={current} />
      <NoticesCard />
    </div>
  );
}

/** The review decisions told to this account about its enterprises (only those it is linked to now). */
function NoticesCard() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const notices = useQuery({ queryKey: enterpriseKeys.myNotices, queryFn: ({ signal }) => myEnterprisesApi.notices(signal), refetchInterval: 60_000, meta: { silent: true } });
  const read = async (id: string) => {
    try {
      await myEnterprisesApi.markRead(id);
    } finally {
      await queryClient.invalidateQueries({ queryKey: enterpriseKeys.myNotices });
    }
  };
  const items = notices.data?.items ?? [];
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space size={8}>
          {t('myEnterprise.notices')}
          <Badge count={notices.data?.unread ?? 0} data-testid="portal-enterprise-notices-unread" />
        </Space>
      }
      data-testid="portal-enterprise-notices"
    >
      <List
        size="small"
        loading={notices.isLoading}
        dataSource={items}
        locale={{ emptyText: t('myEnterprise.noNotices') }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            onClick={n.read ? undefined : () => void read(n.id)}
            style={{ cursor: n.read ? 'default' : 'pointer', paddingInline: 0 }}
            data-testid={`portal-enterprise-notice-${n.id}`}
            data-read={n.read ? 'true' : 'false'}
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Space size={6} align="start">
                {!n.read && <Badge status="processing" />}
                <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[n.about?.where, formatDateTime(n.createdAt, locale)].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function EnterpriseView({ enterprise }: { enterprise: MyEnterprise }) {
  const [editing, setEditing] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-enterprise-name">{enterprise.name}</Typography.Title>
        <Typography.Text type="secondary">{enterprise.gridName}</Typography.Text>
      </div>
      {editing ? (
        <ApplicationEditor enterprise={enterprise} onDone={() => setEditing(false)} />
      ) : (
        <ApplicationCard enterprise={enterprise} onEdit={() => setEditing(true)} />
      )}
      {!editing && enterprise.resumed && <HealthCard enterprise={enterprise} />}
    </Space>
  );
}

function ApplicationCard({ enterprise, onEdit }: { enterprise: MyEnterprise; onEdit: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const summary = enterprise.application;
  const detail = useQuery({ queryKey: enterpriseKeys.myApplication(summary?.id ?? ''), queryFn: ({ signal }) => myEnterprisesApi.application(summary!.id, signal), enabled: Boolean(summary) });
  const [busy, setBusy] = useState(false);
  const submit = async (a: Application) => {
    setBusy(true);
    try {
      await myEnterprisesApi.submit(a.id, a.version);
      feedback.success(t('enterprise.done.submit'));
      await queryClient.invalidateQueries({ queryKey: enterpriseKeys.mine });
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  const a = detail.data;
  const decision = a?.steps.filter((s) => ['return', 'approve', 'reject', 'revoke'].includes(s.action)).at(-1);
  return (
    <Card size="small" title={t('myEnterprise.application')} data-testid="portal-enterprise-application">
      {!summary ? (
        <Empty description={t('myEnterprise.noApplication')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : !a ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            <Tag color={STATUS_COLOURS[a.status]} data-testid="portal-enterprise-status">{t(`enterprise.status.${a.status}`)}</Tag>
            <Typography.Text type="secondary">{a.number}</Typography.Text>
          </div>
          <Typography.Text>{t('enterprise.field.resumeOn')}：{a.resumeOn ?? '—'} · {t('enterprise.field.staffCount')}：{a.staffCount} / {a.returningCount}</Typography.Text>
          {decision && (
            <Alert
              type={a.status === 'approved' ? 'success' : a.status === 'returned' ? 'warning' : a.status === 'submitted' ? 'info' : 'error'}
              showIcon
              message={`${t(`enterprise.action.${decision.action}` as 'enterprise.action.submit')} · ${formatDateTime(decision.at, locale)}`}
              description={decision.note ? t('myEnterprise.reason', { note: decision.note }) : undefined}
              data-testid="portal-enterprise-decision"
            />
          )}
        </Space>
      )}
      <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        {(!summary || CLOSED.includes(summary.status)) && (
          <Button type="primary" block onClick={onEdit} data-testid="portal-enterprise-new">{t('myEnterprise.new')}</Button>
        )}
        {a?.actions.includes('edit') && <Button block onClick={onEdit} data-testid="portal-enterprise-edit">{t('myEnterprise.edit')}</Button>}
        {a?.actions.includes('submit') && (
          <Button type="primary" block loading={busy} onClick={() => void submit(a)} data-testid="portal-enterprise-submit">{t('enterprise.action.submit')}</Button>
        )}
      </Space>
    </Card>
  );
}

function ApplicationEditor({ enterprise, onDone }: { enterprise: MyEnterprise; onDone: () => void }) {
  const { t } = useI18n();
  const form = useQuery({ queryKey: enterpriseKeys.myForm, queryFn: ({ signal }) => myEnterprisesApi.form(signal) });
  const open = enterprise.application && !CLOSED.includes(enterprise.application.status) ? enterprise.application : null;
  const existing = useQuery({ queryKey: enterpriseKeys.myApplication(open?.id ?? ''), queryFn: ({ signal }) => myEnterprisesApi.application(open!.id, signal), enabled: Boolean(open) });
  if (form.isError) return <Alert type="error" showIcon message={errorText(form.error, t)} />;
  if (!form.data || (open && !existing.data)) return <Spin />;
  return <ApplicationForm enterprise={enterprise} definition={form.data.definition} version={form.data.version} existing={open ? existing.data! : null} onDone={onDone} />;
}

interface StaffLine {
  residentId: string;
  name: string;
  position: string | null;
  returning: boolean;
  comingFrom: string;
}

function ApplicationForm({ enterprise, definition, version, existing, onDone }: { enterprise: MyEnterprise; definition: FormDefinition; version: number; existing: Application | null; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const form = useFormAnswers(definition, existing ? { initial: existing.answers as FormAnswers } : {});
  const { busy, send } = useSendAnswers(form);
  const before = new Map((existing?.staff ?? []).map((s) => [s.residentId, s]));
  const [staff, setStaff] = useState<StaffLine[]>(() =>
    enterprise.employees.map((e) => ({ residentId: e.residentId, name: e.name, position: e.position, returning: before.get(e.residentId)?.returning ?? false, comingFrom: before.get(e.residentId)?.comingFrom ?? '' })),
  );
  const patch = (residentId: string, change: Partial<StaffLine>) => setStaff((lines) => lines.map((l) => (l.residentId === residentId ? { ...l, ...change } : l)));
  const save = async () => {
    const lines: StaffValue[] = staff.map((s) => ({ residentId: s.residentId, returning: s.returning, ...(s.returning && s.comingFrom.trim() ? { comingFrom: s.comingFrom.trim() } : {}) }));
    const saved = await send((answers) =>
      existing ? myEnterprisesApi.edit(existing.id, { version: existing.version, formVersion: version, answers, staff: lines }) : myEnterprisesApi.create({ organizationId: enterprise.id, formVersion: version, answers, staff: lines }),
    );
    if (saved === null) return;
    feedback.success(t('myEnterprise.saved'));
    await queryClient.invalidateQueries({ queryKey: enterpriseKeys.mine });
    onDone();
  };
  return (
    <Card size="small" title={existing ? t('myEnterprise.edit') : t('myEnterprise.new')} data-testid="portal-enterprise-form">
      <Typography.Text strong>{t('enterprise.field.staff')}</Typography.Text>
      <div className="gg-portal-list" style={{ margin: '8px 0 16px' }} data-testid="portal-enterprise-staff">
        {staff.map((l, i) => (
          <div key={l.residentId} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>{l.name}{l.position ? ` · ${l.position}` : ''}</span>
              <span>
                {t('myEnterprise.returning')} <Switch size="small" checked={l.returning} onChange={(v) => patch(l.residentId, { returning: v })} data-testid={`portal-enterprise-staff-returning-${i}`} />
              </span>
            </Space>
            {l.returning && <Input style={{ marginTop: 6 }} maxLength={100} placeholder={t('enterprise.field.comingFrom')} value={l.comingFrom} onChange={(e) => patch(l.residentId, { comingFrom: e.target.value })} />}
          </div>
        ))}
      </div>
      <FormRenderer form={form} attachments={uploadedAttachments} testId="portal-enterprise-answers" showTitle={false} disabled={busy} />
      <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
        <Button type="primary" block loading={busy} onClick={() => void save()} data-testid="portal-enterprise-save">{t('myEnterprise.save')}</Button>
        <Button block onClick={onDone} disabled={busy}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}

function HealthCard({ enterprise }: { enterprise: MyEnterprise }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const day = chinaToday(new Date(), displayTimeZone());
  const report = useQuery({ queryKey: enterpriseKeys.myHealth(enterprise.id, day), queryFn: ({ signal }) => myEnterprisesApi.health(enterprise.id, day, signal) });
  const [entries, setEntries] = useState<HealthEntryValue[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (report.data) setEntries(report.data.entries.map((e) => ({ residentId: e.residentId, present: e.present, temperature: e.temperature, symptoms: e.symptoms, ...(e.note ? { note: e.note } : {}) })));
  }, [report.data]);
  if (!report.data) return <Spin />;
  const people = new Map(report.data.entries.map((e) => [e.residentId, e]));
  const patch = (residentId: string, change: Partial<HealthEntryValue>) => setEntries((list) => list.map((e) => (e.residentId === residentId ? { ...e, ...change } : e)));
  const save = async () => {
    setBusy(true);
    try {
      const saved: HealthReport = await myEnterprisesApi.register(enterprise.id, day, entries);
      queryClient.setQueryData(enterpriseKeys.myHealth(enterprise.id, day), saved);
      feedback.success(t('enterprise.healthSaved'));
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  const r = report.data;
  return (
    <Card size="small" title={t('myEnterprise.health', { day })} data-testid="portal-enterprise-health">
      {r.registered && (
        <Alert
          type={r.abnormalCount > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          message={t('enterprise.countsValue', { present: String(r.presentCount), absent: String(r.absentCount), abnormal: String(r.abnormalCount) })}
          data-testid="portal-enterprise-health-counts"
        />
      )}
      <div className="gg-portal-list">
        {entries.map((e, i) => {
          const person = people.get(e.residentId);
          const flag = r.registered ? person?.flag : null;
          return (
            <div key={e.residentId} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }} data-testid={`portal-enterprise-health-row-${i}`}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>
                  {person?.name} <Typography.Text type="secondary">{person?.idMasked}</Typography.Text>
                  {flag && <Tag style={{ marginLeft: 6 }} color={flag === 'abnormal' ? 'error' : 'warning'} data-testid={`portal-enterprise-health-flag-${i}`}>{t(`enterprise.flag.${flag}`)}</Tag>}
                </span>
                <span>
                  {t('enterprise.field.present')} <Switch size="small" checked={e.present} onChange={(v) => patch(e.residentId, { present: v })} data-testid={`portal-enterprise-health-present-${i}`} />
                </span>
              </Space>
              {e.present && (
                <Space wrap style={{ marginTop: 6, width: '100%' }}>
                  <InputNumber min={34} max={43} step={0.1} placeholder={t('enterprise.field.temperature')} value={e.temperature ?? null} onChange={(v) => patch(e.residentId, { temperature: v })} data-testid={`portal-enterprise-health-temp-${i}`} />
                  <Select mode="multiple" style={{ minWidth: 180 }} placeholder={t('enterprise.field.symptoms')} value={e.symptoms ?? []} onChange={(v: string[]) => patch(e.residentId, { symptoms: v })}
                    options={SYMPTOMS.map((s) => ({ value: s, label: t(`enterprise.symptom.${s}`) }))} data-testid={`portal-enterprise-health-symptoms-${i}`} />
                </Space>
              )}
            </div>
          );
        })}
      </div>
      <Button type="primary" block loading={busy} onClick={() => void save()} style={{ marginTop: 12 }} data-testid="portal-enterprise-health-save">{t('enterprise.saveHealth')}</Button>
    </Card>
  );
}
