/** The quarantine rule in force (data, versioned): the plans per contact degree, the fever threshold, release and lost conditions; a city-wide operator edits it as JSON. */
import { Button, Card, Descriptions, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { divisionPrefix, quarantineRule, type QuarantinePlan, type QuarantineRule } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n, type Translate } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { quarantineApi, quarantineKeys } from './quarantine-api';

const plan = (t: Translate, p: QuarantinePlan) =>
  t('quarantine.rule.plan', { phases: p.phases.map((x) => `${enumLabel(t, 'quarantineKind', x.kind)} ${x.days}`).join(' + '), tests: p.testDays.join('、') });

export function RulePanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const rule = useQuery({ queryKey: quarantineKeys.rule, queryFn: ({ signal }) => quarantineApi.rule(signal) });
  const save = useMutation({
    mutationFn: (r: QuarantineRule) => quarantineApi.changeRule(r),
    onSuccess: (saved) => {
      client.setQueryData(quarantineKeys.rule, saved);
      setDraft(null);
      feedback.success(t('quarantine.ruleSaved', { version: saved.version }));
    },
    onError: (error) => feedback.error(error),
  });
  if (!rule.data) return <Card loading />;
  const r = rule.data.rule;
  const editable = holds('quarantine:rule', me.permissions) && !me.scope.gridId && divisionPrefix(me.scope.regionCode).length <= 4;
  const submit = () => {
    try {
      const parsed = quarantineRule.safeParse(JSON.parse(draft ?? ''));
      if (!parsed.success) throw new Error('invalid');
      save.mutate(parsed.data);
    } catch {
      feedback.error(new Error(t('quarantine.ruleInvalid')));
    }
  };
  return (
    <Card size="small" title={t('quarantine.ruleTitle', { version: rule.data.version })} data-testid="quarantine-rule">
      <Typography.Paragraph type="secondary">
        {rule.data.createdAt ? t('quarantine.ruleChanged', { at: formatDateTime(rule.data.createdAt, locale), by: rule.data.createdByName ?? '' }) : t('quarantine.ruleDefault')}
      </Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'close', label: t('quarantine.rule.close'), children: plan(t, r.close) },
          { key: 'secondary', label: t('quarantine.rule.secondary'), children: plan(t, r.secondary) },
          { key: 'fever', label: t('quarantine.fever'), children: t('quarantine.rule.fever', { n: r.feverThreshold.toFixed(1) }) },
          { key: 'completion', label: t('quarantine.field.completion'), children: t('quarantine.rule.completion', { tests: r.completion.negativeTests ? t('quarantine.rule.negative') : '', n: r.completion.lastFollowUpsDone }) },
          { key: 'lost', label: t('quarantine.view.lost'), children: t('quarantine.rule.lost', { n: r.lostAfterMissed }) },
        ]}
      />
      {editable && (
        <div style={{ marginTop: 16, maxWidth: 640 }}>
          <Typography.Text strong>{t('quarantine.ruleJson')}</Typography.Text>
          <Input.TextArea rows={12} style={{ fontFamily: 'monospace' }} value={draft ?? JSON.stringify(r, null, 2)} onChange={(e) => setDraft(e.target.value)} data-testid="quarantine-rule-json" />
          <Button type="primary" style={{ marginTop: 8 }} disabled={draft === null} loading={save.isPending} onClick={submit} data-testid="quarantine-rule-save">
            {t('quarantine.ruleSave')}
          </Button>
        </div>
      )}
    </Card>
  );
}
