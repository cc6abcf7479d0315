/** 出入境人员: the arrivals in scope, in three tabs (all, matched with a resident, unmatched for follow-up). */
import { Tabs } from 'antd';
import { useMemo } from 'react';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { RecordPage } from '../../shared/record-page/RecordPage';
import { arrivalPage, type ArrivalTab } from './arrival-page';

const TABS: readonly ArrivalTab[] = ['all', 'matched', 'unmatched'];

export default function ArrivalsPage() {
  const { t } = useI18n();
  const location = useLocation();
  const asked = location.query.get('tab');
  const tab: ArrivalTab = TABS.find((k) => k === asked) ?? 'all';
  const config = useMemo(() => arrivalPage(tab), [tab]);
  return (
    <>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={TABS.map((key) => ({ key, label: <span data-testid={`arrivals-tab-${key}`}>{t(`arrival.tab.${key}`)}</span> }))}
      />
      <RecordPage key={tab} config={config} />
    </>
  );
}
