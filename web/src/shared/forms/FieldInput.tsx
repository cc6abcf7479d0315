/** The input of one value field, by its type. Controlled: the value is the answer as stored. */
import { Checkbox, DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { localized, resolveDay, type FormAttachment, type FormLocation, type ValueField } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { LocationInput } from './LocationInput';
import { PhotoInput } from './PhotoInput';
import { SignatureInput } from './SignatureInput';
import type { AttachmentHandling } from './attachments';

export interface FieldInputProps {
  field: ValueField;
  /** The input's element id, so its label points at it. */
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  today: string;
  testId: string;
  disabled?: boolean;
  attachments: AttachmentHandling;
}

const DAY = 'YYYY-MM-DD';
/** Up to this many options show as radio buttons; more as a dropdown. */
const RADIO_LIMIT = 6;
/** On a touch screen a date is picked from the calendar, without the keyboard covering it. */
const TOUCH = typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches === true;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const orUndefined = (value: string) => (value === '' ? undefined : value);

export function FieldInput({ field, id, value, onChange, today, testId, disabled, attachments }: FieldInputProps) {
  const { t, locale } = useI18n();
  switch (field.type) {
    case 'text': {
      const placeholder = localized(field.placeholder, locale) || undefined;
      return field.multiline ? (
        <Input.TextArea
          value={text(value)}
          onChange={(e) => onChange(orUndefined(e.target.value))}
          id={id}
          autoSize={{ minRows: 2, maxRows: 8 }}
          showCount={field.maxLength !== undefined}
          maxLength={field.maxLength}
          placeholder={placeholder}
          disabled={disabled}
          data-testid={testId}
        />
      ) : (
        <Input id={id} value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))} placeholder={placeholder} disabled={disabled} data-testid={testId} />
      );
    }
    case 'number':
      return (
        <InputNumber<number>
          id={id}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
          step={field.step ?? (field.integer ? 1 : undefined)}
          precision={field.integer ? 0 : undefined}
          suffix={field.unit ? localized(field.unit, locale) : undefined}
          inputMode={field.integer ? 'numeric' : 'decimal'}
          style={{ width: '100%', maxWidth: 240 }}
          disabled={disabled}
          data-testid={testId}
        />
      );
    case 'date': {
      const min = field.min ? resolveDay(field.min, today) : null;
      const max = field.max ? resolveDay(field.max, today) : null;
      const day = typeof value === 'string' && dayjs(value, DAY, true).isValid() ? dayjs(value, DAY) : null;
      return (
        <DatePicker
          id={id}
          value={day}
          onChange={(next: Dayjs | null) => onChange(next ? next.format(DAY) : undefined)}
          disabledDate={(d) => (min !== null && d.format(DAY) < min) || (max !== null && d.format(DAY) > max)}
          inputReadOnly={TOUCH}
          style={{ width: '100%', maxWidth: 240 }}
          disabled={disabled}
          data-testid={testId}
        />
      );
    }
    case 'choice': {
      const options = field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) }));
      if (field.display === 'select' || (field.display === undefined && options.length > RADIO_LIMIT)) {
        return (
          <Select
            id={id}
            value={typeof value === 'string' ? value : undefined}
            onChange={(next: string | undefined) => onChange(next)}
            options={options}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%', maxWidth: 360 }}
            disabled={disabled}
            data-testid={testId}
          />
        );
      }
      return <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} options={options} disabled={disabled} data-testid={testId} />;
    }
    case 'multi_choice':
      return (
        <Checkbox.Group
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onChange(next.length > 0 ? next : undefined)}
          options={field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) }))}
          disabled={disabled}
          data-testid={testId}
        />
      );
    case 'boolean':
      if (field.mustBeTrue) {
        return (
          <Checkbox checked={value === true} onChange={(e) => onChange(e.target.checked ? true : undefined)} disabled={disabled} data-testid={testId}>
            {t('form.confirm')}
          </Checkbox>
        );
      }
      return (
        <Radio.Group
          value={value}
          onChange={(e) => onChange(e.target.value)}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('form.yes') },
            { value: false, label: t('form.no') },
          ]}
          disabled={disabled}
          data-testid={testId}
        />
      );
    case 'photo':
      return <PhotoInput value={Array.isArray(value) ? (value as FormAttachment[]) : []} onChange={onChange} max={field.maxCount ?? 9} attachments={attachments} disabled={disabled} testId={testId} />;
    case 'signature':
      return <SignatureInput value={(value as FormAttachment | undefined) ?? null} onChange={onChange} attachments={attachments} disabled={disabled} testId={testId} />;
    case 'location':
      return <LocationInput value={(value as Partial<FormLocation> | undefined) ?? null} onChange={onChange} withAddress={field.withAddress === true} disabled={disabled} testId={testId} />;
    case 'id_number':
      return <Input id={id} value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))} maxLength={18} autoComplete="off" style={{ maxWidth: 280 }} disabled={disabled} data-testid={testId} />;
    case 'phone':
      return <Input id={id} value={text(value)} onChange={(e) => onChange(orUndefined(e.target.value))} inputMode="tel" autoComplete="off" style={{ maxWidth: 240 }} disabled={disabled} data-testid={testId} />;
  }
}
