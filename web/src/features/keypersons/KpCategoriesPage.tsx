/**
 * The key-person categories, for their managers: whether each takes new archives (a city-level
 * or higher manager's switch: the categories serve the whole deployment) and the visit interval
 * per risk level at the manager's own region (visit plans as data: e.g. high weekly, medium
 * monthly). Each row saves on its own (audited on the server); the fields of each category are
 * edited in the forms editor.
 */
import { Button, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { KP_RISK_LEVELS, type KpCategory, type KpCategoryUpdate, type KpRiskLevel } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { keypersonKeys, keypersonsApi } from './keypersons-api';

type Draft = { active?: boolean; visitDays?: Partial<Record<KpRiskLevel, number | null>> };

export default function KpCategoriesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const categories = useQuery({ queryKey: keypersonKeys.categories, queryFn: ({ signal }) => keypersonsApi.categories(signal) });
  // Switching a category on or off is for the city and above; the server holds the same rule.
  const citywide = me.scope.level === 'province' || me.scope.level === 'city';
  const save = useMutation({
    mutationFn: ({ code, patch }: { code: string; patch: KpCategoryUpdate }) => keypersonsApi.updateCategory(code, patch),
    onSuccess: async (_done, { code }) => {
      setDrafts(({ [code]: _saved, ...rest }) => rest);
      await client.invalidateQueries({ queryKey: keypersonKeys.categories });
      feedback.success(t('kp.categories.saved'));
    },
    onError: (error) => feedback.error(error),
  });
  const draft = (c: KpCategory): Draft => drafts[c.code] ?? {};
  const edit = (c: KpCategory, change: Draft) => setDrafts((all) => ({ ...all, [c.code]: { ...all[c.code], ...change, visitDays: { ...all[c.code]?.visitDays, ...change.visitDays } } }));
  return (
    <div data-testid="kp-categories">
      <Typography.Title level={4}>{t('menu.keypersonCategories')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('kp.categories.intro', { region: me.scope.regionName })}</Typography.Paragraph>
      <Table<KpCategory>
        rowKey="code"
        size="small"
        loading={categories.isLoading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={categories.data ?? []}
        data-testid="kp-categories-table"
        columns={[
          { key: 'name', title: t('kp.categories.name'), render: (_: unknown, c) => (locale === 'en' ? c.name.en : c.name.zh) },
          { key: 'group', title: t('kp.categories.group'), render: (_: unknown, c) => <Tag>{enumLabel(t, 'kpGroup', c.group)}</Tag> },
          {
            key: 'active',
            title: t('kp.categories.active'),
            render: (_: unknown, c) => <Switch checked={draft(c).active ?? c.active} disabled={!citywide} onChange={(active) => edit(c, { active })} data-testid={`kp-category-active-${c.code}`} />,
          },
          ...KP_RISK_LEVELS.map((risk) => ({
            key: risk,
            title: t('kp.categories.days', { risk: enumLabel(t, 'kpRisk', risk) }),
            render: (_: unknown, c: KpCategory) => (
              <InputNumber
                min={1}
                max={366}
                precision={0}
                value={draft(c).visitDays?.[risk] ?? c.visitDays[risk]}
                onChange={(v) => edit(c, { visitDays: { [risk]: typeof v === 'number' ? v : null } })}
                data-testid={`kp-category-days-${c.code}-${risk}`}
                style={{ width: 88 }}
              />
            ),
          })),
          {
            key: 'save',
            title: '',
            render: (_: unknown, c) => {
              const d = drafts[c.code];
              const patch: KpCategoryUpdate = {
                ...(d?.active !== undefined && d.active !== c.active ? { active: d.active } : {}),
                ...(d?.visitDays && Object.keys(d.visitDays).length > 0 ? { visitDays: d.visitDays } : {}),
              };
              return (
                <Button type="primary" size="small" disabled={Object.keys(patch).length === 0} loading={save.isPending && save.variables?.code === c.code} onClick={() => save.mutate({ code: c.code, patch })} data-testid={`kp-category-save-${c.code}`}>
                  {t('kp.categories.save')}
                </Button>
              );
            },
          },
        ]}
      />
    </div>
  );
}
