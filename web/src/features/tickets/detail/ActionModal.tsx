/**
 * The form of one transition, its fields read from the action's contract schema
 * (action-form.ts): a note, departments with the lead first, a level, a date, a rating, a ticket
 * to merge into, photos — each required when the schema requires it. The body is checked by the
 * same schema before it is sent; the server's field errors land on their fields, any other error
 * it answers is shown in the dialog; on a version conflict the drawer also reloads the ticket.
 */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Rate, Select } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { HANDLING_LEVELS, TICKET_ACTION_INPUTS, type AttachmentRef, type HandlingLevel, type Ticket, type TicketTransition } from '@gridgov/contracts';
import { isApiError } from '../../../api/client';
import { ticketsApi } from '../../../api/tickets';
import { errorText } from '../../../app/feedback';
import { withTestId } from '../../../app/test-id';
import { useI18n } from '../../../i18n/i18n';
import { serverFieldProblems } from '../../../shared/errors/field-errors';
import { CategorySelect } from '../../../shared/fields/CategorySelect';
import { DepartmentSelect } from '../shared/DepartmentSelect';
import { actionLabel, levelLabel } from '../shared/labels';
import { PhotoUpload, useCanUpload } from '../shared/PhotoUpload';
import { servesRegion, useCategories, useDepartments } from '../shared/ticket-data';
import { actionBody, actionFields, type ActionField } from './action-form';
import { ACTION_HINTS } from './action-specs';
import { TicketPicker } from './TicketPicker';

/** The form's values: the schema's names, with the pickers' own value types. */
interface FormValues {
  note?: string;
  publicNote?: string;
  departmentIds?: string[];
  level?: HandlingLevel;
  until?: Dayjs;
  rating?: number;
  targetId?: string;
  categoryId?: string;
  checkInMinutes?: number;
  attachmentIds?: AttachmentRef[];
}

type NamedForm = Pick<FormInstance, 'setFields'>;

/** The check-in time a summons offers first. */
const DEFAULT_CHECK_IN_MINUTES = 120;

interface Props {
  ticket: Ticket;
  action: TicketTransition;
  onDone: (ticket: Ticket) => void;
  /** Someone acted first (version conflict) or the action is no longer open: reload the ticket (the dialog stays, with the error). */
  onStale: (message: string) => void;
  onCancel: () => void;
}

export function ActionModal({ ticket, action, onDone, onStale, onCancel }: Props) {
  const { t } = useI18n();
  const hints = ACTION_HINTS[action];
  const [form] = Form.useForm<FormValues>();
  const canUpload = useCanUpload();
  const fields = actionFields(action).filter((field) => field.widget !== 'photos' || canUpload);
  const has = (widget: ActionField['widget']) => fields.some((field) => field.widget === widget);
  const categories = useCategories();
  const departments = useDepartments();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const levelField = fields.find((field) => field.widget === 'level');
  const levelsAbove = HANDLING_LEVELS.slice(HANDLING_LEVELS.indexOf(ticket.level) + 1).filter((level) => !levelField?.options || levelField.options.includes(level));

  // Departments the category names for this level (else for any level) that serve the ticket's region.
  const suggestedDepartments = (() => {
    if (hints.departments !== 'serving' || !has('departments') || !categories || !departments) return undefined;
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

  const initialValues: FormValues = {
    level: has('level') ? levelsAbove[0] : undefined,
    checkInMinutes: has('checkInMinutes') ? DEFAULT_CHECK_IN_MINUTES : undefined,
    until: has('until') && ticket.handleDueAt ? dayjs(ticket.handleDueAt).add(3, 'day').startOf('hour') : undefined,
  };

  async function submit(values: FormValues) {
    setSubmitting(true);
    setError(null);
    const named: NamedForm = form;
    const body = actionBody(
      action,
      { ...values, until: values.until?.toISOString(), attachmentIds: values.attachmentIds?.map((photo) => photo.id) },
      ticket,
    );
    // The same check as the server's, so a wrong value is said on its field before anything is sent.
    const checked = TICKET_ACTION_INPUTS[action].safeParse(body);
    if (!checked.success) {
      named.setFields(
        checked.error.issues.flatMap((issue) => {
          const name = issue.path[0];
          return typeof name === 'string' && fields.some((field) => field.name === name) ? [{ name, errors: [t('record.rule.invalid')] }] : [];
        }),
      );
      setSubmitting(false);
      return;
    }
    try {
      onDone(await ticketsApi.act(ticket.id, action, checked.data));
    } catch (err) {
      // Whatever the server answers is said here, in the dialog; a ticket that moved on is read
      // again behind it (the buttons and their reasons follow).
      if (isApiError(err, 'TICKET_VERSION_CONFLICT', 'TICKET_TRANSITION_INVALID', 'FORBIDDEN')) onStale(errorText(err, t));
      const problems = serverFieldProblems(err).flatMap((p) =>
        fields.some((field) => field.name === p.field) ? [{ name: p.field, message: isApiError(err, 'TICKET_FIELD_REQUIRED') ? t('common.required') : errorText(err, t) }] : [],
      );
      named.setFields(problems.map((p) => ({ name: p.name, errors: [p.message] })));
      setError(problems.length ? null : errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  const control = (field: ActionField): { label: string; input: ReactNode; extra?: string } => {
    switch (field.widget) {
      case 'target':
        return { label: t('ticket.form.target'), input: <TicketPicker ticket={ticket} data-testid="action-target" />, extra: t('ticket.form.targetHint') };
      case 'level':
        return {
          label: t('ticket.form.level'),
          input: <Select<HandlingLevel> options={levelsAbove.map((level) => ({ value: level, label: levelLabel(t, level) }))} data-testid="action-level" />,
        };
      case 'departments':
        return {
          label: action === 'summon' ? t('ticket.form.summonDepartments') : t('ticket.form.departments'),
          input: (
            <DepartmentSelect
              regionCode={hints.departments === 'serving' ? ticket.regionCode : undefined}
              withLead={hints.departments === 'serving'}
              data-testid="action-departments"
            />
          ),
          extra: hints.departments === 'serving' ? t('ticket.form.leadHint') : undefined,
        };
      case 'checkInMinutes':
        return {
          label: t('ticket.form.checkInMinutes'),
          input: <InputNumber min={field.min} max={field.max} step={30} suffix={t('ticket.form.minutes')} style={{ width: 200 }} data-testid="action-checkin" />,
        };
      case 'category':
        return {
          label: t('ticket.form.correctCategory'),
          input: <CategorySelect allowClear data-testid="action-category" />,
          extra: t('ticket.form.correctCategoryHint', { name: ticket.categoryName }),
        };
      case 'until':
        return {
          label: t('ticket.form.until'),
          input: (
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(day) => day.isBefore(dayjs(ticket.handleDueAt ?? undefined).startOf('day'))}
              style={{ width: 240 }}
              data-testid="action-until"
            />
          ),
        };
      case 'rating':
        return { label: action === 'revisit' ? t('ticket.form.satisfaction') : t('ticket.form.rating'), input: <Rate data-testid="action-rating" /> };
      case 'note':
        return {
          label: t(hints.noteLabel ?? 'ticket.note.default'),
          input: <Input.TextArea rows={3} maxLength={field.maxLength} showCount data-testid="action-note" />,
        };
      case 'publicNote':
        return {
          label: t('ticket.form.publicNote'),
          input: <Input.TextArea rows={2} maxLength={field.maxLength} showCount data-testid="action-public-note" />,
          extra: t('ticket.form.publicNoteHint'),
        };
      case 'photos':
        return { label: t('ticket.form.photos'), input: <PhotoUpload data-testid="action-photos" /> };
    }
  };

  const title = `${actionLabel(t, action)} · ${ticket.number}`;
  return (
    <Modal
      open
      title={title}
      width={has('departments') || has('target') ? 620 : 520}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={actionLabel(t, action)}
      okButtonProps={withTestId({ loading: submitting, danger: hints.danger }, 'action-submit')}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid={`action-form-${action}`}>
        {fields.map((field) => {
          const { label, input, extra } = control(field);
          // A note of spaces is no note. (Only text gets `whitespace`: with it, antd checks the value as a string.)
          const required: FormRule = field.widget === 'note' ? { required: true, whitespace: true, message: t('common.required') } : { required: true, message: t('common.required') };
          const rules: FormRule[] = field.required ? [required] : [];
          return (
            <Form.Item key={field.name} name={field.name} label={label} required={field.required} rules={rules} extra={extra}>
              {input}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
