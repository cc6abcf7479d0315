/**
 * The form of one transition, built from what the action needs (action-specs.ts): a note,
 * departments with the lead first, a level, a date, a rating, a ticket to merge into, photos.
 * The server's field errors land on their fields; a version conflict goes back to the drawer,
 * which reloads the ticket.
 */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Rate, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { HANDLING_LEVELS, type AttachmentRef, type HandlingLevel, type Ticket } from '@gridgov/contracts';
import { isApiError } from '../../../api/client';
import { ticketsApi, type TransitionBody } from '../../../api/tickets';
import { errorText } from '../../../app/feedback';
import { withTestId } from '../../../app/test-id';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { ACTION_SPECS } from './action-specs';
import { CategorySelect } from '../shared/CategorySelect';
import { DepartmentSelect } from '../shared/DepartmentSelect';
import { actionLabel, levelLabel, type Transition } from '../shared/labels';
import { PhotoUpload, useCanUpload } from '../shared/PhotoUpload';
import { ticketFieldProblems } from '../../../shared/errors/ticket-errors';
import { servesRegion, useCategories, useDepartments } from '../shared/ticket-data';
import { TicketPicker } from './TicketPicker';

interface ActionValues {
  note?: string;
  departmentIds?: string[];
  level?: HandlingLevel;
  until?: Dayjs;
  rating?: number;
  targetId?: string;
  categoryId?: string;
  checkInMinutes?: number;
  attachments?: AttachmentRef[];
}

const NOTE_LABEL: Partial<Record<Transition, MessageKey>> = {
  reject: 'ticket.note.reject',
  return: 'ticket.note.return',
  report_back: 'ticket.note.report_back',
  check_in: 'ticket.note.check_in',
  comment: 'ticket.note.comment',
  reopen: 'ticket.note.reopen',
  request_extension: 'ticket.note.request_extension',
  revisit: 'ticket.note.revisit',
  summon: 'ticket.note.summon',
  supervise: 'ticket.note.supervise',
};

/** Fields the server names, as this form names them. */
const FORM_FIELD: Record<string, keyof ActionValues> = {
  note: 'note',
  departmentIds: 'departmentIds',
  level: 'level',
  until: 'until',
  rating: 'rating',
  targetId: 'targetId',
  categoryId: 'categoryId',
  checkInMinutes: 'checkInMinutes',
  attachmentIds: 'attachments',
};

type NamedForm = Pick<FormInstance, 'setFields'>;

interface Props {
  ticket: Ticket;
  action: Transition;
  onDone: (ticket: Ticket) => void;
  /** Someone acted first (version conflict) or the action is no longer open: reload the ticket. */
  onStale: (message: string) => void;
  onCancel: () => void;
}

export function ActionModal({ ticket, action, onDone, onStale, onCancel }: Props) {
  const { t } = useI18n();
  const spec = ACTION_SPECS[action];
  const [form] = Form.useForm<ActionValues>();
  const canUpload = useCanUpload();
  const photos = Boolean(spec.attachments) && canUpload;
  const categories = useCategories();
  const departments = useDepartments();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const levelsAbove = HANDLING_LEVELS.slice(HANDLING_LEVELS.indexOf(ticket.level) + 1);

  // Departments the category names for this level (else for any level) that serve the ticket's region.
  const suggestedDepartments = (() => {
    if (spec.departments !== 'serving' || !categories || !departments) return undefined;
    const category = categories.find((c) => c.id === ticket.categoryId);
    const defaults = category?.defaultDepartments ?? [];
    const atLevel = defaults.filter((d) => d.level === ticket.level);
    const chosen = (atLevel.length ? atLevel : defaults).map((d) => d.departmentId);
    const serving = chosen.filter((id) => departments.some((d) => d.id === id && servesRegion(d, ticket.regionCode)));
    return serving.length ? [...new Set(serving)] : undefined;
  })();

  // The suggestion may arrive after the form opened: put it in while the field is untouched.
  const suggestedKey = suggestedDepartments?.join(',') ?? '';
  useEffect(() => {
    if (!suggestedKey || form.isFieldTouched('departmentIds')) return;
    form.setFieldsValue({ departmentIds: suggestedKey.split(',') });
  }, [suggestedKey, form]);

  const initialValues: ActionValues = {
    level: spec.level ? levelsAbove[0] : undefined,
    checkInMinutes: spec.checkInMinutes ? 120 : undefined,
    until: spec.until && ticket.handleDueAt ? dayjs(ticket.handleDueAt).add(3, 'day').startOf('hour') : undefined,
  };

  async function submit(values: ActionValues) {
    setSubmitting(true);
    setError(null);
    const body: TransitionBody = {
      version: ticket.version,
      note: values.note?.trim() || undefined,
      departmentIds: spec.departments ? values.departmentIds : undefined,
      level: spec.level ? values.level : undefined,
      until: spec.until && values.until ? values.until.toISOString() : undefined,
      rating: spec.rating ? values.rating || undefined : undefined,
      targetId: spec.target ? values.targetId : undefined,
      categoryId: spec.category && values.categoryId && values.categoryId !== ticket.categoryId ? values.categoryId : undefined,
      checkInMinutes: spec.checkInMinutes ? values.checkInMinutes : undefined,
      attachmentIds: photos ? (values.attachments ?? []).map((a) => a.id) : [],
    };
    try {
      onDone(await ticketsApi.act(ticket.id, action, body));
    } catch (err) {
      if (isApiError(err, 'TICKET_VERSION_CONFLICT', 'TICKET_TRANSITION_INVALID', 'FORBIDDEN')) {
        onStale(errorText(err, t));
        return;
      }
      const problems = ticketFieldProblems(err).flatMap((p) => {
        const name = FORM_FIELD[p.field];
        return name ? [{ name, message: isApiError(err, 'TICKET_FIELD_REQUIRED') ? t('common.required') : errorText(err, t) }] : [];
      });
      const named: NamedForm = form;
      named.setFields(problems.map((p) => ({ name: p.name, errors: [p.message] })));
      setError(problems.length ? null : errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  const title = `${actionLabel(t, action)} · ${ticket.number}`;
  return (
    <Modal
      open
      title={title}
      width={spec.departments || spec.target ? 620 : 520}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={actionLabel(t, action)}
      okButtonProps={withTestId({ loading: submitting, danger: spec.danger }, 'action-submit')}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        data-testid={`action-form-${action}`}
      >
        {spec.target && (
          <Form.Item name="targetId" label={t('ticket.form.target')} rules={[{ required: true, message: t('common.required') }]} extra={t('ticket.form.targetHint')}>
            <TicketPicker ticket={ticket} data-testid="action-target" />
          </Form.Item>
        )}
        {spec.level && (
          <Form.Item name="level" label={t('ticket.form.level')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<HandlingLevel> options={levelsAbove.map((level) => ({ value: level, label: levelLabel(t, level) }))} data-testid="action-level" />
          </Form.Item>
        )}
        {spec.departments && (
          <Form.Item
            name="departmentIds"
            label={action === 'summon' ? t('ticket.form.summonDepartments') : t('ticket.form.departments')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={spec.departments === 'serving' ? t('ticket.form.leadHint') : undefined}
          >
            <DepartmentSelect regionCode={spec.departments === 'serving' ? ticket.regionCode : undefined} withLead={spec.departments === 'serving'} data-testid="action-departments" />
          </Form.Item>
        )}
        {spec.checkInMinutes && (
          <Form.Item name="checkInMinutes" label={t('ticket.form.checkInMinutes')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={10} max={7 * 24 * 60} step={30} suffix={t('ticket.form.minutes')} style={{ width: 200 }} data-testid="action-checkin" />
          </Form.Item>
        )}
        {spec.category && (
          <Form.Item name="categoryId" label={t('ticket.form.correctCategory')} extra={t('ticket.form.correctCategoryHint', { name: ticket.categoryName })}>
            <CategorySelect allowClear data-testid="action-category" />
          </Form.Item>
        )}
        {spec.until && (
          <Form.Item name="until" label={t('ticket.form.until')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(day) => day.isBefore(dayjs(ticket.handleDueAt ?? undefined).startOf('day'))}
              style={{ width: 240 }}
              data-testid="action-until"
            />
          </Form.Item>
        )}
        {spec.rating && (
          <Form.Item
            name="rating"
            label={action === 'revisit' ? t('ticket.form.satisfaction') : t('ticket.form.rating')}
            rules={spec.rating === 'required' ? [{ required: true, message: t('common.required') }] : []}
          >
            <Rate data-testid="action-rating" />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t(NOTE_LABEL[action] ?? 'ticket.note.default')}
          rules={spec.note === 'required' ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-note" />
        </Form.Item>
        {photos && (
          <Form.Item name="attachments" label={t('ticket.form.photos')}>
            <PhotoUpload data-testid="action-photos" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
