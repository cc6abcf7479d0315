/** 应急广播: broadcasts (list, draft with a recipient preview, approve, delivery progress), templates, loudspeakers on a map, as tabs. */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { BroadcastsPanel } from './BroadcastsPanel';
import { LoudspeakersPanel } from './LoudspeakersPanel';
import { TemplatesPanel } from './TemplatesPanel';

const TABS: readonly { key: 'broadcasts' | 'templates' | 'loudspeakers'; render: () => ReactNode }[] = [
  { key: 'broadcasts', render: () => <BroadcastsPanel /> },
  { key: 'templates', render: () => <TemplatesPanel /> },
  { key: 'loudspeakers', render: () => <LoudspeakersPanel /> },
];

export default function BroadcastPage() {
  const { t } = useI18n();
  const location = useLocation();
  const active = TABS.find((tab) => tab.key === location.query.get('tab')) ?? TABS[0]!;
  return (
    <>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`broadcast-tab-${tab.key}`}>{t(`broadcast.tab.${tab.key}`)}</span> }))}
      />
      <div key={active.key}>{active.render()}</div>
    </>
  );
}
