/**
 * 新建工单: a report as an operator takes it on the phone or a grid worker files it on patrol.
 * While the description is written, /api/tickets/check suggests categories (the top one is
 * taken until the user picks one), finds the grid of the point and lists possible duplicates
 * nearby (to merge into rather than file twice). Then the extra questions of the chosen
 * category, the emergency switch and photos. The server's field errors land on their fields.
 * It goes through the offline queue: without network (a grid worker on patrol) the report and
 * its photos are kept on the phone under "to send" and sent when the network returns, once.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { intakeRequest } from '@gridgov/contracts';
import { isApiError } from '../../../api/client';
import { ticketChanged, ticketQueries, type IntakeRequest } from '../../../api/tickets';
import { errorText, useFeedback } from '../../../app/feedback';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';
import { useDebounced } from '../../../shared/hooks/use-debounced';
import { PointField } from '../../../shared/fields/PointField';
import { TicketDrawer } from '../detail/TicketDrawer';
import { CategorySelect } from '../../../shared/fields/CategorySelect';
import { OfflinePhotoPicker } from '../../../shared/offline/OfflinePhotoPicker';
import { PendingSubmissions } from '../../../shared/offline/PendingSubmissions';
import { useOfflineSubmit } from '../../../shared/offline/queue';
import type { QueuedSubmission } from '../../../shared/offline/store';
import { ticketReportKind } from './offline-report';
import { serverFieldProblems } from '../../../shared/errors/field-errors';
import { useCategories } from '../shared/ticket-data';
import { TICKET_LINK_PATH, useOpenTicket } from '../shared/use-open-ticket';
import { CustomFieldInputs } from './CustomFieldInputs';

type Answer = string | number | boolean;

interface IntakeValues {
  description?: string;
  categoryId?: string;
  emergency?: boolean;
  lon?: number | null;
  lat?: number | null;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  customFields?: Record<string, Answer | null | undefined>;
  /** Kept on the phone until the report is sent. */
  photos?: File[];
}

type NamedForm = Pick<FormInstance, 'setFields' | 'getFieldsError' | 'scrollToField'>;

const CHECK_DELAY_MS = 500;

function answers(values: IntakeValues['customFields']): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** The form field a server field name belongs to. */
function formField(field: string): (string | number)[] | null {
  if (field.startsWith('customFields.')) return ['customFields', field.slice('customFields.'.length)];
  if (field === 'lon/lat' || field === 'lon' || field === 'lat') return ['lon'];
  if (field === 'photoIds') return ['photos'];
  if (['description', 'categoryId', 'address', 'reporterName', 'reporterPhone'].includes(field)) return [field];
  // An extra question named by its key alone.
  return ['customFields', field];
}

export default function IntakePage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const categories = useCategories();
  const { openId, open, close } = useOpenTicket();
  const [form] = Form.useForm<IntakeValues>();
  const description = Form.useWatch('description', form);
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  const categoryId = Form.useWatch('categoryId', form);
  const [picked, setPicked] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new photo picker after a reset (it keeps its own list of files).
  const [resetKey, setResetKey] = useState(0);
  const client = useQueryClient();
  const offline = useOfflineSubmit(ticketReportKind);
  // Offline, the grid of the point cannot be looked up: a grid worker is reminded of their own grid.
  const ownGrid = useSession().me?.scope;
  // A refused report from the "to send" list being fixed: sent again under its own id.
  const [editing, setEditing] = useState<string | null>(null);

  // The live check, a moment after the description or the point changes; the last answer stays
  // while the next is asked, and goes when the description is cleared.
  const text = description?.trim() ?? '';
  const asked = useDebounced({ description: text, ...(typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : {}) }, CHECK_DELAY_MS);
  const checking = text.length >= 2;
  const checked = useQuery({ ...ticketQueries.check(asked), enabled: offline.online && checking && asked.description.length >= 2, placeholderData: keepPreviousData });
  const check = checking ? (checked.data ?? null) : null;

  // The top suggestion is taken until the user picks a category.
  const top = check?.suggestions[0]?.categoryId;
  useEffect(() => {
    if (!picked && top && form.getFieldValue('categoryId') !== top) {
      form.setFieldsValue({ categoryId: top, customFields: {} });
    }
  }, [top, picked, form]);

  const category = categories?.find((c) => c.id === categoryId);
  // The likely ones: the top suggestion, and any other worth a look.
  const suggestions = (check?.suggestions ?? []).filter((s, index) => index === 0 || s.probability >= 0.05);

  async function submit(values: IntakeValues) {
    setSubmitting(true);
    setError(null);
    const body: IntakeRequest = {
      description: values.description?.trim() ?? '',
      categoryId: values.categoryId,
      address: values.address?.trim() || undefined,
      lon: typeof values.lon === 'number' ? values.lon : undefined,
      lat: typeof values.lat === 'number' ? values.lat : undefined,
      emergency: values.emergency ?? false,
      reporterName: values.reporterName?.trim() || undefined,
      reporterPhone: values.reporterPhone?.trim() || undefined,
      customFields: answers(values.customFields),
    };
    const files = (values.photos ?? []).map((photo) => ({ name: photo.name, type: photo.type, blob: photo as Blob }));
    try {
      const outcome = await offline.submit(body, files, editing ? { id: editing } : undefined);
      setEditing(null);
      if (outcome.status === 'queued') {
        feedback.success(t('offline.queued'));
        reset();
        return;
      }
      const created = outcome.result;
      void ticketChanged(client);
      feedback.success(t('ticket.intake.created', { number: created.ticket.number }));
      if (created.duplicates.length > 0) {
        feedback.warnings([{ code: 'TICKET_DUPLICATE', message: t('ticket.intake.createdDuplicates', { n: created.duplicates.length }) }]);
      }
      navigate(`${TICKET_LINK_PATH}?id=${created.ticket.id}`);
    } catch (err) {
      const named: NamedForm = form;
      const problems = serverFieldProblems(err);
      const located = isApiError(err, 'TICKET_LOCATION_REQUIRED')
        ? [{ name: ['address'], message: errorText(err, t) }]
        : isApiError(err, 'TICKET_OUTSIDE_AREA')
          ? [{ name: ['lon'], message: errorText(err, t) }]
          : isApiError(err, 'TICKET_CATEGORY_INVALID')
            ? [{ name: ['categoryId'], message: errorText(err, t) }]
            : problems.flatMap((p) => {
                const name = formField(p.field);
                return name ? [{ name, message: p.reason === 'required' ? t('common.required') : errorText(err, t) }] : [];
              });
      named.setFields(located.map((p) => ({ name: p.name, errors: [p.message] })));
      setError(errorText(err, t));
      const first = located[0];
      if (first) named.scrollToField(first.name);
    } finally {
      setSubmitting(false);
    }
  }

  function reset() {
    form.resetFields();
    setPicked(false);
    setError(null);
    setEditing(null);
    setResetKey((key) => key + 1);
  }

  /** Puts a refused report back in the form, with the server's message on the fields it named. */
  function edit(item: QueuedSubmission) {
    const body = item.payload as IntakeRequest;
    form.resetFields();
    form.setFieldsValue({
      description: body.description,
      categoryId: body.categoryId,
      emergency: body.emergency ?? false,
      lon: body.lon ?? null,
      lat: body.lat ?? null,
      address: body.address,
      reporterName: body.reporterName,
      reporterPhone: body.reporterPhone,
      customFields: body.customFields ?? {},
      photos: item.files.map((f) => new File([f.blob], f.name, { type: f.type })),
    });
    setPicked(true);
    setEditing(item.id);
    setError(item.error?.message ?? null);
    const named = (item.error?.fields ?? []).flatMap((field) => {
      const name = formField(field);
      return name ? [{ name, errors: [item.error?.message ?? ''] }] : [];
    });
    const target: NamedForm = form;
    target.setFields(named);
  }

  const locationRule = {
    validator: async () => {
      const values = form.getFieldsValue(['lon', 'lat', 'address']);
      if (typeof values.lon !== 'number' && !values.address?.trim()) throw new Error(t('ticket.intake.locationRequired'));
    },
  };

  const pointGiven = typeof lon === 'number' && typeof lat === 'number';
  return (
    <div data-testid="intake-page" style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('menu.ticketNew')}
      </Typography.Title>
      <PendingSubmissions kind={ticketReportKind.kind} onEdit={edit} />
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="intake-error" />}
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          initialValues={{ emergency: false, customFields: {} }}
          onFinish={submit}
          scrollToFirstError
          data-testid="intake-form"
        >
          <Form.Item
            name="description"
            label={t('ticket.field.description')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { min: 5, message: t('ticket.intake.descriptionMin') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('ticket.intake.descriptionPlaceholder')} data-testid="intake-description" />
          </Form.Item>

          {suggestions.length > 0 && (
            <div style={{ margin: '-8px 0 16px' }} data-testid="intake-suggestions">
              <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                {t('ticket.intake.suggestions')}
              </Typography.Text>
              {suggestions.map((s) => (
                <Tooltip key={s.categoryId} title={t('ticket.intake.useSuggestion')}>
                  <Tag.CheckableTag
                    checked={categoryId === s.categoryId}
                    onChange={() => {
                      setPicked(true);
                      form.setFieldsValue({ categoryId: s.categoryId, customFields: {} });
                    }}
                    data-testid={`intake-suggestion-${s.code}`}
                    style={{ border: '1px solid #d9d9d9' }}
                  >
                    {s.name} {Math.round(s.probability * 100)}%
                  </Tag.CheckableTag>
                </Tooltip>
              ))}
            </div>
          )}

          {check && check.duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('ticket.intake.duplicates', { n: check.duplicates.length })}
              description={
                <div data-testid="intake-duplicates">
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                    {t('ticket.intake.mergeHint')}
                  </Typography.Paragraph>
                  {check.duplicates.map((d) => (
                    <div key={d.id ?? d.number} style={{ marginBottom: 4 }}>
                      {d.id !== null ? (
                        <Typography.Link onClick={() => open(d.id!)} data-testid={`intake-duplicate-${d.id}`}>
                          {d.number}
                        </Typography.Link>
                      ) : (
                        <Typography.Text data-testid={`intake-duplicate-${d.number}`}>{d.number}</Typography.Text>
                      )}{' '}
                      <Typography.Text>{d.description}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        （{t('ticket.similarity', { n: Math.round(d.similarity * 100) })}
                        {d.distanceM !== null ? `，${t('ticket.intake.distance', { n: d.distanceM })}` : ''}）
                      </Typography.Text>
                    </div>
                  ))}
                </div>
              }
            />
          )}

          <Space size={32} align="start" wrap>
            <Form.Item
              name="categoryId"
              label={t('ticket.field.category')}
              rules={[{ required: true, message: t('ticket.intake.categoryRequired') }]}
              extra={!picked && top && categoryId === top ? t('ticket.intake.suggested') : undefined}
            >
              <CategorySelect
                onChange={(value) => {
                  setPicked(true);
                  form.setFieldsValue({ categoryId: value, customFields: {} });
                }}
                style={{ width: 320 }}
                data-testid="intake-category"
              />
            </Form.Item>
            <Form.Item name="emergency" label={t('ticket.emergency')} valuePropName="checked" extra={t('ticket.intake.emergencyHint')}>
              <Switch data-testid="intake-emergency" />
            </Form.Item>
          </Space>

          <PointField lonSchema={intakeRequest.shape.lon} latSchema={intakeRequest.shape.lat} testId="intake" />
          {!offline.online && ownGrid?.gridId && (
            <div style={{ margin: '-16px 0 16px' }} data-testid="intake-offline-grid">
              <Typography.Text type="secondary">{t('offline.intake.ownGrid', { name: ownGrid.gridName ?? ownGrid.regionName })}</Typography.Text>
            </div>
          )}
          {pointGiven && check && offline.online && (
            <div style={{ margin: '-16px 0 16px' }} data-testid="intake-grid">
              {check.grid ? (
                <Typography.Text type="secondary">{t('ticket.intake.grid', { name: check.grid.name })}</Typography.Text>
              ) : (
                <Typography.Text type="danger">{t('ticket.intake.noGrid')}</Typography.Text>
              )}
            </div>
          )}

          <Form.Item name="address" label={t('ticket.field.address')} rules={[locationRule]} dependencies={['lon']}>
            <Input maxLength={200} placeholder={t('ticket.intake.addressPlaceholder')} data-testid="intake-address" />
          </Form.Item>

          {category && <CustomFieldInputs fields={category.customFields} />}

          <Space size={16} style={{ display: 'flex' }} align="start" wrap>
            <Form.Item name="reporterName" label={t('ticket.intake.reporterName')}>
              <Input maxLength={50} style={{ width: 200, maxWidth: '100%' }} data-testid="intake-reporter-name" />
            </Form.Item>
            <Form.Item name="reporterPhone" label={t('ticket.intake.reporterPhone')}>
              <Input maxLength={20} style={{ width: 200, maxWidth: '100%' }} data-testid="intake-reporter-phone" />
            </Form.Item>
          </Space>

          <Form.Item name="photos" label={t('ticket.form.photos')}>
            <OfflinePhotoPicker key={resetKey} data-testid="intake-photos" />
          </Form.Item>

          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="intake-submit">
              {t('ticket.intake.submit')}
            </Button>
            <Button onClick={reset}>
              {t('ticket.intake.reset')}
            </Button>
            {checked.isFetching && <Typography.Text type="secondary">{t('ticket.intake.checking')}</Typography.Text>}
          </Space>
        </Form>
      </Card>
      {openId && <TicketDrawer id={openId} onClose={close} onOpenTicket={open} />}
    </div>
  );
}
