/** Draft a call campaign: the script (greeting, questions with their keys and what each answer writes, repeat key, final message), the residents to call, the windows and limits. */
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, TimePicker, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalloutCreateRequest, CalloutDetail, CalloutOutcome } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { calloutKeys, calloutsApi } from './callouts-api';

type OutcomeChoice = 'none' | 'task' | 'declaration';
interface OptionValues {
  key: string;
  label: string;
  outcome: OutcomeChoice;
  fields?: string;
}
interface Values {
  name: string;
  regionCode: string;
  locale: 'zh-CN' | 'en';
  greeting: string;
  questions: { key: string; text: string; options: OptionValues[] }[];
  repeatKey: string;
  final: string;
  targetKind: 'region' | 'grid' | 'tag' | 'list';
  gridId?: string;
  tag?: string;
  entries?: string;
  windows: { range: [Dayjs, Dayjs] }[];
  concurrency: number;
  maxAttempts: number;
  retryMinutes: number;
}

const FEVER_FIELDS = '{"temperature": 37.3, "symptoms": ["fever"]}';

function outcomeOf(o: OptionValues): CalloutOutcome {
  if (o.outcome === 'task') return { kind: 'task' };
  if (o.outcome === 'declaration') return { kind: 'declaration', fields: JSON.parse(o.fields || FEVER_FIELDS) as Record<string, string | number | boolean | string[]> };
  return { kind: 'none' };
}

export function CreateCalloutModal({ onClose, onMade }: { onClose: () => void; onMade: (c: CalloutDetail) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const targetKind = Form.useWatch('targetKind', form);
  const create = useMutation({
    mutationFn: (v: Values) => {
      const target: CalloutCreateRequest['target'] =
        v.targetKind === 'grid' ? { kind: 'grid', gridId: v.gridId! } : v.targetKind === 'tag' ? { kind: 'tag', tag: v.tag! } : v.targetKind === 'list' ? { kind: 'list', entries: (v.entries ?? '').split(/[\s,，;；]+/).filter(Boolean) } : { kind: 'region' };
      return calloutsApi.create({
        name: v.name, regionCode: v.regionCode, target, concurrency: v.concurrency, maxAttempts: v.maxAttempts, retryMinutes: v.retryMinutes,
        windows: v.windows.map((w) => ({ start: w.range[0].format('HH:mm'), end: w.range[1].format('HH:mm') })),
        script: { locale: v.locale, greeting: v.greeting, repeatKey: v.repeatKey, final: v.final, questions: v.questions.map((q) => ({ key: q.key, text: q.text, options: q.options.map((o) => ({ key: o.key, label: o.label, outcome: outcomeOf(o) })) })) },
        simulator: { seed: 1, busyRate: 0.15, noAnswerRate: 0.15, failRate: 0.02, keyWeights: {}, repeatRate: 0.05, ringSeconds: 12, answerSeconds: 8 },
      });
    },
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: calloutKeys.list });
      onMade(c);
    },
    onError: (error) => feedback.error(error),
  });
  const initial: Partial<Values> = {
    regionCode: me.scope.regionCode, locale: 'zh-CN', repeatKey: '9', targetKind: 'region', concurrency: 5, maxAttempts: 3, retryMinutes: 30,
    greeting: t('callout.preset.greeting'), final: t('callout.preset.final'),
    questions: [{ key: 'fever', text: t('callout.preset.question'), options: [{ key: '1', label: t('callout.preset.yes'), outcome: 'declaration', fields: FEVER_FIELDS }, { key: '2', label: t('callout.preset.no'), outcome: 'none' }] }],
    windows: [{ range: [dayjs('09:00', 'HH:mm'), dayjs('12:00', 'HH:mm')] }, { range: [dayjs('14:00', 'HH:mm'), dayjs('20:00', 'HH:mm')] }],
  };
  return (
    <Modal open title={t('callout.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} width={760} okButtonProps={{ id: 'callout-create-ok' }}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('callout.field.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid="callout-name" /></Form.Item>
        <Space wrap>
          <Form.Item name="regionCode" label={t('callout.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="locale" label={t('callout.field.voice')}><Select style={{ width: 140 }} options={[{ value: 'zh-CN', label: '普通话' }, { value: 'en', label: 'English' }]} /></Form.Item>
          <Form.Item name="repeatKey" label={t('callout.field.repeatKey')} rules={[{ required: true, pattern: /^[0-9*#]$/ }]}><Input maxLength={1} style={{ width: 80 }} /></Form.Item>
        </Space>
        <Typography.Title level={5}>{t('callout.script')}</Typography.Title>
        <Form.Item name="greeting" label={t('callout.field.greeting')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Form.List name="questions">
          {(questions, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {questions.map((q, qi) => (
                <Card key={q.key} size="small" title={t('callout.question', { n: qi + 1 })} extra={questions.length > 1 && <Button size="small" type="link" danger onClick={() => remove(q.name)}>{t('callout.remove')}</Button>}>
                  <Space wrap style={{ width: '100%' }}>
                    <Form.Item name={[q.name, 'key']} label={t('callout.field.questionKey')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,30}$/ }]}><Input style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[q.name, 'text']} label={t('callout.field.questionText')} rules={[{ required: true, whitespace: true }]} style={{ minWidth: 280, flex: 1 }}><Input maxLength={500} /></Form.Item>
                  </Space>
                  <Form.List name={[q.name, 'options']}>
                    {(options, ops) => (
                      <>
                        {options.map((o) => (
                          <Space key={o.key} wrap align="start">
                            <Form.Item name={[o.name, 'key']} rules={[{ required: true, pattern: /^[0-9*#]$/ }]}><Input maxLength={1} style={{ width: 50 }} placeholder={t('callout.field.key')} /></Form.Item>
                            <Form.Item name={[o.name, 'label']} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} style={{ width: 140 }} placeholder={t('callout.field.optionLabel')} /></Form.Item>
                            <Form.Item name={[o.name, 'outcome']}>
                              <Select style={{ width: 150 }} options={(['none', 'declaration', 'task'] as const).map((k) => ({ value: k, label: t(`callout.outcome.${k}`) }))} />
                            </Form.Item>
                            <Form.Item noStyle shouldUpdate>
                              {() =>
                                form.getFieldValue(['questions', q.name, 'options', o.name, 'outcome']) === 'declaration' ? (
                                  <Form.Item name={[o.name, 'fields']} tooltip={t('callout.fieldsHint')} rules={[{ validator: async (_r, v?: string) => void JSON.parse(v || FEVER_FIELDS) }]}>
                                    <Input style={{ width: 220 }} placeholder={FEVER_FIELDS} />
                                  </Form.Item>
                                ) : null
                              }
                            </Form.Item>
                            {options.length > 1 && <Button type="link" danger onClick={() => ops.remove(o.name)}>{t('callout.remove')}</Button>}
                          </Space>
                        ))}
                        <Button size="small" onClick={() => ops.add({ key: String(options.length + 1), label: '', outcome: 'none' })}>{t('callout.addOption')}</Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button onClick={() => add({ key: `q${questions.length + 1}`, text: '', options: [{ key: '1', label: t('callout.preset.yes'), outcome: 'task' }, { key: '2', label: t('callout.preset.no'), outcome: 'none' }] })}>{t('callout.addQuestion')}</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="final" label={t('callout.field.final')} rules={[{ required: true, whitespace: true }]} style={{ marginTop: 12 }}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Typography.Title level={5}>{t('callout.targets')}</Typography.Title>
        <Space wrap>
          <Form.Item name="targetKind" label={t('callout.field.targetKind')}>
            <Select style={{ width: 180 }} options={(['region', 'grid', 'tag', 'list'] as const).map((k) => ({ value: k, label: t(`callout.target.${k}`) }))} />
          </Form.Item>
          {targetKind === 'grid' && <Form.Item name="gridId" label={t('callout.field.gridId')} rules={[{ required: true }]}><Input style={{ width: 300 }} /></Form.Item>}
          {targetKind === 'tag' && <Form.Item name="tag" label={t('callout.field.tag')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 180 }} /></Form.Item>}
        </Space>
        {targetKind === 'list' && <Form.Item name="entries" label={t('callout.field.entries')} extra={t('callout.entriesHint')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} /></Form.Item>}
        <Form.List name="windows">
          {(windows, { add, remove }) => (
            <Space wrap>
              {windows.map((w) => (
                <Space key={w.key}>
                  <Form.Item name={[w.name, 'range']} label={t('callout.field.window')} rules={[{ required: true }]}><TimePicker.RangePicker format="HH:mm" minuteStep={5} /></Form.Item>
                  {windows.length > 1 && <Button type="link" danger onClick={() => remove(w.name)}>{t('callout.remove')}</Button>}
                </Space>
              ))}
              {windows.length < 6 && <Button size="small" onClick={() => add({ range: [dayjs('09:00', 'HH:mm'), dayjs('12:00', 'HH:mm')] })}>{t('callout.addWindow')}</Button>}
            </Space>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="concurrency" label={t('callout.field.concurrency')}><InputNumber min={1} max={100} /></Form.Item>
          <Form.Item name="maxAttempts" label={t('callout.field.maxAttempts')}><InputNumber min={1} max={6} /></Form.Item>
          <Form.Item name="retryMinutes" label={t('callout.field.retryMinutes')}><InputNumber min={1} max={1440} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
