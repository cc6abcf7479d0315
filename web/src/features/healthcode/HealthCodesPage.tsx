/** 健康码 in the console: codes in scope with a person's reason (behind a stated purpose), the rule's versions with an editor, the risk areas, and the correction review. */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { Permission } from '@gridgov/contracts';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { CodesPanel } from './CodesPanel';
import { CorrectionsPanel } from './CorrectionsPanel';
import { healthCodePurpose } from './healthcode-api';
import { RiskAreasPanel } from './RiskAreasPanel';
import { RulePanel } from './RulePanel';

const TABS: readonly { key: 'codes' | 'rule' | 'areas' | 'corrections'; needs: readonly Permission[]; render: () => ReactNode }[] = [
  { key: 'codes', needs: ['healthcode:read'], render: () => <CodesPanel /> },
  { key: 'rule', needs: ['healthcode:read', 'healthcode:rule'], render: () => <RulePanel /> },
  { key: 'areas', needs: ['healthcode:read', 'healthcode:rule'], render: () => <RiskAreasPanel /> },
  { key: 'corrections', needs: ['healthcode:review'], render: () => <CorrectionsPanel /> },
];

export default function HealthCodesPage() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const tabs = TABS.filter((tab) => tab.needs.some((p) => holds(p, me.permissions)));
  const asked = location.query.get('tab');
  const active = tabs.find((tab) => tab.key === asked) ?? tabs[0];
  if (!active) return null;
  return (
    <PurposeGate store={healthCodePurpose} testId="healthcode" introKey="healthcode.purposeIntro">
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={tabs.map((tab) => ({ key: tab.key, label: <span data-testid={`healthcode-tab-${tab.key}`}>{t(`healthcode.tab.${tab.key}`)}</span> }))}
      />
      <div key={active.key}>{active.render()}</div>
    </PurposeGate>
  );
}
