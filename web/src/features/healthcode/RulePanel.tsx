/** The health code rule: its versions with their effective times, and (for a city-wide operator) a new version made from lines as data, taking effect now or at a chosen time. */
import { Button, Card, DatePicker, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { divisionPrefix, EVIDENCE_KINDS, RISK_LEVELS, type RuleLine, type RuleVersion } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { COLOUR_HEX, healthCodeApi, healthCodeKeys } from './healthcode-api';

export function RulePanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const rule = useQuery({ queryKey: healthCodeKeys.rule, queryFn: ({ signal }) => healthCodeApi.rule(signal) });
  const [lines, setLines] = useState<RuleLine[]>([]);
  const [effective, setEffective] = useState<Dayjs | null>(null);
  const inForce = rule.data?.versions.find((v) => v.version === rule.data?.inForce);
  useEffect(() => {
    if (inForce) setLines(inForce.lines);
  }, [inForce]);
  const save = useMutation({
    mutationFn: () => healthCodeApi.addRule({ lines, ...(effective ? { effectiveFrom: effective.toISOString() } : {}) }),
    onSuccess: (saved) => {
      client.setQueryData(healthCodeKeys.rule, saved);
      void client.invalidateQueries({ queryKey: healthCodeKeys.codes });
      feedback.success(t('healthcode.rule.saved', { version: saved.versions[0]!.version }));
    },
    onError: (error) => feedback.error(error),
  });
  if (!rule.data) return <Card loading />;
  const editable = holds('healthcode:rule', me.permissions) && !me.scope.gridId && divisionPrefix(me.scope.regionCode).length <= 4;
  const patch = (i: number, p: Partial<RuleLine>) => setLines(lines.map((l, j) => (j === i ? Object.fromEntries(Object.entries({ ...l, ...p }).filter(([, v]) => v !== undefined && v !== null)) as RuleLine : l)));
  const optional = (i: number, key: 'degree' | 'withinDays' | 'validHours', max: number) => (
    <InputNumber min={1} max={max} disabled={!editable} value={lines[i]?.[key] ?? null} onChange={(v) => patch(i, { [key]: v ?? undefined })} style={{ width: 90 }} data-testid={`healthcode-rule-${key}-${i}`} />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('healthcode.rule.inForce', { version: rule.data.inForce })} data-testid="healthcode-rule">
        <Typography.Paragraph type="secondary">{editable ? t('healthcode.rule.hint') : t('healthcode.rule.readOnly')}</Typography.Paragraph>
        <Table<RuleLine & { i: number }>
          rowKey="i"
          size="small"
          pagination={false}
          dataSource={lines.map((l, i) => ({ ...l, i }))}
          columns={[
            { key: 'n', title: '#', render: (_, r) => r.i + 1 },
            { key: 'kind', title: t('healthcode.rule.kind'), render: (_, r) => <Select disabled={!editable} value={r.evidenceKind} style={{ width: 190 }} onChange={(v) => patch(r.i, { evidenceKind: v })} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'evidenceKind', k) }))} /> },
            { key: 'colour', title: t('healthcode.colour'), render: (_, r) => <Select disabled={!editable} value={r.colour} style={{ width: 90 }} onChange={(v) => patch(r.i, { colour: v })} options={(['red', 'yellow'] as const).map((c) => ({ value: c, label: <Tag color={COLOUR_HEX[c]}>{enumLabel(t, 'codeColour', c)}</Tag> }))} data-testid={`healthcode-rule-colour-${r.i}`} /> },
            { key: 'degree', title: t('healthcode.rule.degree'), render: (_, r) => (r.evidenceKind === 'contact' ? optional(r.i, 'degree', 2) : null) },
            { key: 'risk', title: t('healthcode.rule.riskLevel'), render: (_, r) => (r.evidenceKind === 'arrival' || r.evidenceKind === 'trip' ? <Select allowClear disabled={!editable} value={r.riskLevel} style={{ width: 110 }} onChange={(v) => patch(r.i, { riskLevel: v })} options={RISK_LEVELS.map((k) => ({ value: k, label: enumLabel(t, 'riskLevel', k) }))} /> : null) },
            { key: 'within', title: t('healthcode.rule.withinDays'), render: (_, r) => optional(r.i, 'withinDays', 60) },
            { key: 'valid', title: t('healthcode.rule.validHours'), render: (_, r) => optional(r.i, 'validHours', 336) },
            ...(editable ? [{ key: 'x', title: '', render: (_: unknown, r: { i: number }) => <Button size="small" danger onClick={() => setLines(lines.filter((_l, j) => j !== r.i))}>×</Button> }] : []),
          ]}
        />
        {editable && (
          <Form layout="inline" style={{ marginTop: 12 }} onFinish={() => save.mutate()}>
            <Button onClick={() => setLines([...lines, { evidenceKind: 'case', colour: 'red' }])}>{t('healthcode.rule.addLine')}</Button>
            <Form.Item label={t('healthcode.rule.effectiveFrom')}>
              <DatePicker showTime value={effective} onChange={setEffective} placeholder={t('healthcode.rule.effectiveNow')} data-testid="healthcode-rule-effective" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="healthcode-rule-save">{t('healthcode.rule.save')}</Button>
          </Form>
        )}
      </Card>
      <Card size="small">
        <Table<RuleVersion>
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={rule.data.versions}
          data-testid="healthcode-rule-versions"
          columns={[
            { key: 'v', title: t('healthcode.ruleVersion'), render: (_, v) => (v.version === 0 ? t('healthcode.rule.default') : t('healthcode.rule.version', { version: v.version })) },
            { key: 'from', title: t('healthcode.rule.effectiveFrom'), render: (_, v) => (v.effectiveFrom ? formatDateTime(v.effectiveFrom, locale) : '—') },
            { key: 'by', title: t('healthcode.rule.by'), render: (_, v) => v.createdByName ?? '—' },
            { key: 'n', title: t('healthcode.line'), render: (_, v) => v.lines.length },
            { key: 'now', title: '', render: (_, v) => (v.version === rule.data.inForce ? <Tag color="green">✓</Tag> : null) },
          ]}
        />
      </Card>
    </Space>
  );
}
