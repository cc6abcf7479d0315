/** 应急指挥: events (list, report), rescue teams and plans, as tabs; `?id=` opens one event's own view (map, timeline, tasks, teams). */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { EventsPanel } from './EventsPanel';
import EventViewPage from './EventViewPage';
import { PlansPanel } from './PlansPanel';
import { TeamsPanel } from './TeamsPanel';

const TABS: readonly { key: 'events' | 'teams' | 'plans'; render: () => ReactNode }[] = [
  { key: 'events', render: () => <EventsPanel /> },
  { key: 'teams', render: () => <TeamsPanel /> },
  { key: 'plans', render: () => <PlansPanel /> },
];

export default function EmergencyPage() {
  const { t } = useI18n();
  const location = useLocation();
  if (location.query.get('id')) return <EventViewPage />;
  const active = TABS.find((tab) => tab.key === location.query.get('tab')) ?? TABS[0]!;
  return (
    <>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`emergency-tab-${tab.key}`}>{t(`emergency.tab.${tab.key}`)}</span> }))}
      />
      <div key={active.key}>{active.render()}</div>
    </>
  );
}
