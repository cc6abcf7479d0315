/**
 * 表单配置 (form:config): the forms and their versions; a version's definition as JSON, checked
 * as you type, beside a live preview at desk and phone widths; drafts are saved, published
 * (never to change again) or deleted; published versions retired or followed by a new version.
 */
import { App, Button, Card, Col, Empty, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { checkDefinition, formDefinition, localized, type DefinitionProblem, type FormDefinition, type FormSummary, type FormVersion } from '@gridgov/contracts';
import { ApiError } from '../../api/client';
import { formsApi } from '../../api/forms';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { DefinitionEditor } from './DefinitionEditor';
import { definitionText, newFormTemplate, nextVersion, parseText } from './definition-text';
import { FormList, STATUS_COLOR } from './FormList';
import { FormPreview } from './FormPreview';

/** What the editor holds: a stored version, or a draft not saved yet. */
type Editing = { kind: 'stored'; version: FormVersion } | { kind: 'new'; base: string };

function serverProblems(error: unknown): DefinitionProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'FORM_DEFINITION_INVALID') return null;
  const details = error.details as { problems?: DefinitionProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
}

export default function FormsConfigPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const { modal } = App.useApp();
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [text, setText] = useState('');
  const [rejected, setRejected] = useState<DefinitionProblem[] | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    formsApi.list().then(setForms, (error: unknown) => feedback.error(error));
  }, [feedback]);
  useEffect(reload, [reload]);

  const open = useCallback(
    (key: string, version: number) => {
      formsApi.get(key, version).then((v) => {
        setEditing({ kind: 'stored', version: v });
        setText(definitionText(v.definition));
        setRejected(null);
      }, (error: unknown) => feedback.error(error));
    },
    [feedback],
  );

  const startNew = (def: FormDefinition) => {
    const base = definitionText(def);
    setEditing({ kind: 'new', base });
    setText(base);
    setRejected(null);
  };

  // Checked as you type (deferred, so typing stays quick in a long definition).
  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => parseText(deferred), [deferred]);
  const problems = useMemo(() => (parsed.ok ? checkDefinition(parsed.value) : []), [parsed]);
  // The preview keeps the last definition of the right shape while the JSON is being edited.
  const [preview, setPreview] = useState<FormDefinition | null>(null);
  useEffect(() => {
    if (!parsed.ok) return;
    const shaped = formDefinition.safeParse(parsed.value);
    if (shaped.success) setPreview(shaped.data);
  }, [parsed]);

  const stored = editing?.kind === 'stored' ? editing.version : null;
  const readOnly = stored !== null && stored.status !== 'draft';
  const dirty = editing !== null && text !== (editing.kind === 'stored' ? definitionText(editing.version.definition) : editing.base);
  const valid = parsed.ok && problems.length === 0;
  const summary = stored ? forms?.find((f) => f.key === stored.key) : undefined;
  const hasDraft = summary?.versions.some((v) => v.status === 'draft') ?? false;
  const newest = summary ? Math.max(...summary.versions.map((v) => v.version)) : 0;

  const run = async (action: () => Promise<FormVersion | null>, done: (v: FormVersion | null) => string) => {
    setBusy(true);
    try {
      const v = await action();
      setRejected(null);
      feedback.success(done(v));
      reload();
      if (v) {
        setEditing({ kind: 'stored', version: v });
        setText(definitionText(v.definition));
      } else {
        setEditing(null);
        setText('');
      }
    } catch (error) {
      const found = serverProblems(error);
      if (found) setRejected(found);
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (!parsed.ok) return;
    const definition = parsed.value;
    if (editing?.kind === 'new') {
      void run(() => formsApi.createDraft(definition), (v) => t('formsConfig.created', { title: v ? localized(v.title, locale) : '', version: v?.version ?? '' }));
    } else if (stored) {
      void run(() => formsApi.saveDraft(stored.key, stored.version, definition, stored.revision), (v) => t('formsConfig.saved', { revision: v?.revision ?? '' }));
    }
  };

  /** Leaving unsaved edits asks first. */
  const leave = (go: () => void) => {
    if (!dirty) go();
    else modal.confirm({ title: t('formsConfig.discard'), okButtonProps: { danger: true }, onOk: go });
  };

  const selected = stored ? { key: stored.key, version: stored.version } : null;
  const savedForCheck = stored && !dirty ? selected : null;

  return (
    <div data-testid="forms-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('menu.forms')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('formsConfig.hint')}</Typography.Text>
        </Space>
        <Button onClick={() => leave(() => startNew(newFormTemplate(t('formsConfig.newTemplateTitle'))))} data-testid="forms-new">
          {t('formsConfig.new')}
        </Button>
      </Space>
      <FormList forms={forms} selected={selected} onSelect={(key, version) => leave(() => open(key, version))} />
      {editing === null ? (
        <Card size="small" style={{ marginTop: 12 }}>
          <Empty description={t('formsConfig.selectHint')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={
                <Space wrap size={4}>
                  <span>{t('formsConfig.definition')}</span>
                  {stored ? (
                    <Tag color={STATUS_COLOR[stored.status]} data-testid="forms-editor-status">
                      {t('formsConfig.version', { version: stored.version })} · {t(`formsConfig.status.${stored.status}`)}
                    </Tag>
                  ) : (
                    <Tag color="gold">{t('formsConfig.new')}</Tag>
                  )}
                  {dirty && <Tag color="orange">{t('formsConfig.unsaved')}</Tag>}
                </Space>
              }
              data-testid="forms-editor"
            >
              {stored && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('formsConfig.meta', { revision: stored.revision, who: stored.updatedBy?.displayName ?? '—', at: formatDateTime(stored.updatedAt, locale) })}
                </Typography.Paragraph>
              )}
              {readOnly && (
                <Typography.Paragraph type="warning" data-testid="forms-editor-readonly">
                  {t('formsConfig.readOnly', { status: t(`formsConfig.status.${stored.status}`) })}
                </Typography.Paragraph>
              )}
              <DefinitionEditor
                text={text}
                onChange={(next) => {
                  setText(next);
                  setRejected(null);
                }}
                readOnly={readOnly}
                jsonError={parsed.ok ? null : parsed.message}
                problems={rejected ?? problems}
              />
              <Space style={{ marginTop: 12 }} wrap>
                {!readOnly && (
                  <Button type="primary" onClick={save} disabled={!valid || !dirty} loading={busy} data-testid="forms-save">
                    {t('formsConfig.save')}
                  </Button>
                )}
                {stored?.status === 'draft' && (
                  <Popconfirm title={t('formsConfig.publishConfirm')} onConfirm={() => void run(() => formsApi.publish(stored.key, stored.version, stored.revision), (v) => t('formsConfig.published', { title: v ? localized(v.title, locale) : '', version: stored.version }))}>
                    <Button disabled={dirty || !valid || busy} data-testid="forms-publish">
                      {t('formsConfig.publish')}
                    </Button>
                  </Popconfirm>
                )}
                {stored?.status === 'draft' && (
                  <Popconfirm title={t('formsConfig.deleteConfirm')} onConfirm={() =>
                      void run(async () => {
                        await formsApi.deleteDraft(stored.key, stored.version, stored.revision);
                        return null;
                      }, () => t('formsConfig.deleted'))
                    }>
                    <Button danger disabled={busy} data-testid="forms-delete">
                      {t('formsConfig.deleteDraft')}
                    </Button>
                  </Popconfirm>
                )}
                {stored?.status === 'published' && (
                  <Popconfirm title={t('formsConfig.retireConfirm')} onConfirm={() => void run(() => formsApi.retire(stored.key, stored.version), () => t('formsConfig.retired', { version: stored.version }))}>
                    <Button danger disabled={busy} data-testid="forms-retire">
                      {t('formsConfig.retire')}
                    </Button>
                  </Popconfirm>
                )}
                {stored && readOnly && !hasDraft && (
                  <Button onClick={() => startNew(nextVersion(stored.definition, newest + 1))} data-testid="forms-new-version">
                    {t('formsConfig.newVersion')}
                  </Button>
                )}
              </Space>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            {preview ? (
              <FormPreview key={`${preview.key}@${preview.version}`} definition={preview} saved={savedForCheck} />
            ) : (
              <Card size="small">
                <Empty />
              </Card>
            )}
          </Col>
        </Row>
      )}
    </div>
  );
}
