/** 隔离管理: orders (by list: active, overdue, lost, release due, fever alerts), sites and the rule, as tabs; behind a stated purpose. */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { RecordPage } from '../../shared/record-page/RecordPage';
import { orderPage } from './order-page';
import { quarantinePurpose } from './quarantine-api';
import { RulePanel } from './RulePanel';
import { SitesPanel } from './SitesPanel';

const TABS: readonly { key: 'orders' | 'sites' | 'rule'; render: () => ReactNode }[] = [
  { key: 'orders', render: () => <RecordPage config={orderPage} /> },
  { key: 'sites', render: () => <SitesPanel /> },
  { key: 'rule', render: () => <RulePanel /> },
];

export default function QuarantinePage() {
  const { t } = useI18n();
  const location = useLocation();
  const active = TABS.find((tab) => tab.key === location.query.get('tab')) ?? TABS[0]!;
  return (
    <PurposeGate store={quarantinePurpose} testId="quarantine" introKey="quarantine.purposeIntro">
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`quarantine-tab-${tab.key}`}>{t(`quarantine.tab.${tab.key}`)}</span> }))}
      />
      <div key={active.key}>{active.render()}</div>
    </PurposeGate>
  );
}
