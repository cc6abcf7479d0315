/**
 * The drawer around every register form: saves through the API, puts the server's field errors
 * on their fields, and on a version conflict (someone saved first) offers to reload the record.
 */
import { Alert, Button, Drawer, Form, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { errorText } from '../../../app/feedback';
import { isApiError } from '../../../api/client';
import { registersApi, type RegisterInput, type RegisterRecord, type RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { registerLabel } from '../../../shared/labels';
import { fieldProblems } from '../../../shared/errors/server-errors';

/**
 * The form addressed by plain field names: the server names fields as strings, which the typed
 * name paths of FormInstance<V> cannot express (antd's own untyped FormInstance can).
 */
type NamedForm = Pick<FormInstance, 'getFieldsError' | 'setFields' | 'scrollToField'>;

interface Props<K extends RegisterKind, V extends object> {
  kind: K;
  slug: string;
  record: RegisterRecord<K> | null;
  recordName: (record: RegisterRecord<K>) => string;
  form: FormInstance<V>;
  /** The form's values for a record (or a new one); again after a reload. */
  initialValues: (record: RegisterRecord<K> | null) => V;
  toCreate: (values: V) => RegisterInput<K>;
  /** The patch, carrying `version: record.version`. */
  toUpdate: (values: V, record: RegisterRecord<K>) => RegisterUpdate<K>;
  onSaved: (record: RegisterRecord<K>) => void;
  onClose: () => void;
  width?: number;
  /** The fields, for the record being edited (or null for a new one). */
  children: (record: RegisterRecord<K> | null) => ReactNode;
}

export function RecordFormDrawer<K extends RegisterKind, V extends object>(props: Props<K, V>) {
  const { kind, slug, record, recordName, form, initialValues, toCreate, toUpdate, onSaved, onClose, width = 600, children } = props;
  const { t, locale } = useI18n();
  const [current, setCurrent] = useState(record);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);

  async function submit(values: V) {
    setSubmitting(true);
    setError(null);
    try {
      const saved = current ? await registersApi.update(kind, current.id, toUpdate(values, current)) : await registersApi.create(kind, toCreate(values));
      onSaved(saved);
    } catch (err) {
      if (isApiError(err, 'REGISTER_VERSION_CONFLICT')) {
        setConflict(true);
        return;
      }
      const problems = fieldProblems(err, t, locale);
      const byName: NamedForm = form;
      const registered = new Set(byName.getFieldsError().map((entry) => String(entry.name[0])));
      const onFields = problems.filter((problem) => registered.has(problem.field));
      byName.setFields(onFields.map((problem) => ({ name: problem.field, errors: [problem.message] })));
      const elsewhere = problems.filter((problem) => !registered.has(problem.field));
      const first = onFields[0];
      if (first && elsewhere.length === 0) {
        setError(t('reg.formError'));
        byName.scrollToField(first.field);
      } else {
        setError([errorText(err, t), ...elsewhere.map((problem) => problem.message)].join('；'));
      }
    } finally {
      setSubmitting(false);
    }
  }

  async function reload() {
    if (!current) return;
    setReloading(true);
    try {
      const latest = await registersApi.get(kind, current.id);
      setCurrent(latest);
      setConflict(false);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setReloading(false);
    }
  }

  // After a reload the form starts again from the latest record: the Form takes the new initial
  // values when it renders, then the fields are reset to them.
  const version = current?.version;
  const shownVersion = useRef(version);
  useEffect(() => {
    if (version === shownVersion.current) return;
    shownVersion.current = version;
    form.resetFields();
  }, [version, form]);

  const name = current ? recordName(current) : '';
  return (
    <Drawer
      open
      title={current ? t('reg.editTitle', { register: registerLabel(t, kind), name }) : t('reg.createTitle', { register: registerLabel(t, kind) })}
      size={width}
      onClose={onClose}
      destroyOnHidden
      data-testid={`${slug}-form`}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} disabled={conflict} onClick={() => form.submit()} data-testid={`${slug}-form-submit`}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('reg.conflict')}
          action={
            <Button size="small" type="primary" loading={reloading} onClick={() => void reload()} data-testid={`${slug}-form-reload`}>
              {t('reg.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid={`${slug}-form-conflict`}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${slug}-form-error`} />}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues(current)}
        onFinish={submit}
        scrollToFirstError
      >
        {children(current)}
      </Form>
    </Drawer>
  );
}
