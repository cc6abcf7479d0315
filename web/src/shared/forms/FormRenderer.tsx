/**
 * Draws a form from its definition (forms as data) for the console and the phone pages: labels
 * in the reader's language, fields that show and hide as answers change, repeat groups, photos,
 * a location, a signature, and each error on its field (the engine's as you type, the server's
 * after sending). One column, so it works at 375 px.
 */
import { Alert, Button, Card, Empty, Form, Popconfirm, Typography } from 'antd';
import { useRef } from 'react';
import { localized, type FormField, type RepeatField } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { getAt, pathString, type PathPart } from './answer-paths';
import { uploadedAttachments, type AttachmentHandling } from './attachments';
import { FieldInput } from './FieldInput';
import type { FormController } from './use-form-answers';

export interface FormRendererProps {
  form: FormController;
  /** Where photos and signatures go; by default uploaded to /api/attachments. */
  attachments?: AttachmentHandling;
  disabled?: boolean;
  /** Prefix of the test ids: `<testId>-<path>` on each field, `<testId>-<path>-input` on its input. */
  testId?: string;
  /** Show the form's title and description above the fields (default yes). */
  showTitle?: boolean;
}

interface BlockProps {
  form: FormController;
  fields: readonly FormField[];
  parts: readonly PathPart[];
  attachments: AttachmentHandling;
  disabled: boolean;
  testId: string;
}

function RepeatGroup({ form, field, parts, attachments, disabled, testId }: Omit<BlockProps, 'fields'> & { field: RepeatField }) {
  const { t, locale } = useI18n();
  const path = pathString(parts);
  const raw = getAt(form.answers, parts);
  const items = Array.isArray(raw) ? raw : [];
  // Stable keys for the items, so removing one does not hand its inputs to the next.
  const keys = useRef<number[]>([]);
  const next = useRef(0);
  while (keys.current.length < items.length) keys.current.push(next.current++);
  keys.current.length = items.length;
  const max = field.maxItems ?? 50;
  const itemName = localized(field.itemLabel, locale);
  const itemTitle = (n: number) => (itemName ? t('form.item', { item: itemName, n }) : t('form.item.default', { n }));
  const error = form.errors.get(path);

  return (
    <Form.Item
      label={localized(field.label, locale)}
      required={field.required || (field.minItems ?? 0) > 0}
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={localized(field.help, locale) || undefined}
    >
      <div data-testid={`${testId}-${path}`} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('form.noItems')} style={{ margin: 0 }} />}
        {items.map((_, index) => {
          const itemParts = [...parts, index];
          return (
            <Card
              key={keys.current[index]}
              size="small"
              title={itemTitle(index + 1)}
              styles={{ body: { paddingBottom: 0 } }}
              data-testid={`${testId}-${pathString(itemParts)}`}
              extra={
                !disabled && (
                  <Popconfirm
                    title={t('form.removeItem.confirm', { item: itemTitle(index + 1) })}
                    onConfirm={() => {
                      keys.current.splice(index, 1);
                      form.removeItem(parts, index);
                    }}
                  >
                    <Button size="small" type="link" danger data-testid={`${testId}-${pathString(itemParts)}-remove`}>
                      {t('form.removeItem')}
                    </Button>
                  </Popconfirm>
                )
              }
            >
              <FieldsBlock form={form} fields={field.fields} parts={itemParts} attachments={attachments} disabled={disabled} testId={testId} />
            </Card>
          );
        })}
        {!disabled && items.length < max && (
          <Button type="dashed" block onClick={() => form.addItem(parts, field)} data-testid={`${testId}-${path}-add`}>
            {itemName ? t('form.addItem', { item: itemName }) : t('form.addItem.default')}
          </Button>
        )}
      </div>
    </Form.Item>
  );
}

function FieldsBlock({ form, fields, parts, attachments, disabled, testId }: BlockProps) {
  const { locale } = useI18n();
  return (
    <>
      {fields.map((field) => {
        const fieldParts = [...parts, field.key];
        const path = pathString(fieldParts);
        if (!form.visible.has(path)) return null;
        if (field.type === 'note') {
          return (
            <Alert
              key={field.key}
              type={field.tone ?? 'info'}
              showIcon
              title={localized(field.label, locale)}
              description={localized(field.help, locale) || undefined}
              style={{ marginBottom: 16 }}
              data-testid={`${testId}-${path}`}
            />
          );
        }
        if (field.type === 'repeat') {
          return <RepeatGroup key={field.key} form={form} field={field} parts={fieldParts} attachments={attachments} disabled={disabled} testId={testId} />;
        }
        const error = form.errors.get(path);
        const id = `${testId}-${path}`.replace(/[^A-Za-z0-9_-]/g, '_');
        return (
          <div key={field.key} data-testid={`${testId}-${path}`}>
            <Form.Item
              label={localized(field.label, locale)}
              htmlFor={id}
              required={field.required === true}
              validateStatus={error ? 'error' : undefined}
              help={error}
              extra={localized(field.help, locale) || undefined}
            >
              <FieldInput
                field={field}
                id={id}
                value={getAt(form.answers, fieldParts)}
                onChange={(value) => form.setAnswer(fieldParts, value)}
                today={form.today}
                testId={`${testId}-${path}-input`}
                disabled={disabled}
                attachments={attachments}
              />
            </Form.Item>
          </div>
        );
      })}
    </>
  );
}

export function FormRenderer({ form, attachments = uploadedAttachments, disabled = false, testId = 'form', showTitle = true }: FormRendererProps) {
  const { t, locale } = useI18n();
  const def = form.definition;
  return (
    <Form layout="vertical" component="div" data-testid={testId} style={{ maxWidth: 720 }}>
      {showTitle && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {localized(def.title, locale)}
          </Typography.Title>
          {def.description && <Typography.Paragraph type="secondary">{localized(def.description, locale)}</Typography.Paragraph>}
        </>
      )}
      {form.formErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('form.otherAnswers')}
          description={form.formErrors.map((e) => (
            <div key={e}>{e}</div>
          ))}
          style={{ marginBottom: 16 }}
          data-testid={`${testId}-other-answers`}
        />
      )}
      <FieldsBlock form={form} fields={def.fields} parts={[]} attachments={attachments} disabled={disabled} testId={testId} />
    </Form>
  );
}
