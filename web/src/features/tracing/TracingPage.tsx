/** 流调溯源: cases, the chain of transmission and the rule, as tabs; behind a stated purpose. The contacts' follow-up list is its own page (ContactsPage). */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { Permission } from '@gridgov/contracts';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { RecordPage } from '../../shared/record-page/RecordPage';
import { casePage } from './case-page';
import { RulePanel } from './RulePanel';
import { SituationPanel } from './SituationPanel';
import { TransmissionGraph } from './TransmissionGraph';
import { tracingPurpose } from './tracing-api';

const TABS: readonly { key: 'cases' | 'situation' | 'graph' | 'rule'; needs: Permission; render: () => ReactNode }[] = [
  { key: 'cases', needs: 'case:read', render: () => <RecordPage config={casePage} /> },
  { key: 'situation', needs: 'case:read', render: () => <SituationPanel /> },
  { key: 'graph', needs: 'case:read', render: () => <TransmissionGraph /> },
  { key: 'rule', needs: 'case:read', render: () => <RulePanel /> },
];

export default function TracingPage() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const tabs = TABS.filter((tab) => holds(tab.needs, me.permissions));
  const asked = location.query.get('tab');
  const active = tabs.find((tab) => tab.key === asked) ?? tabs[0];
  if (!active) return null;
  return (
    <PurposeGate store={tracingPurpose} testId="tracing" introKey="case.purposeIntro">
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={tabs.map((tab) => ({ key: tab.key, label: <span data-testid={`tracing-tab-${tab.key}`}>{t(`case.tab.${tab.key}`)}</span> }))}
      />
      <div key={active.key}>{active.render()}</div>
    </PurposeGate>
  );
}
