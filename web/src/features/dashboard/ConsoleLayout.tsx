/**
 * The dashboard inside the console frame: title and breadcrumb, the KPI tiles, the map beside the
 * children (or the grid's card) and the live feed, then the four charts.
 */
import { Button, Col, Row, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { CategoryPanel, DepartmentPanel, GridRankingPanel, TrendPanel } from './charts/ChartPanels';
import { formatStamp } from './format';
import { GridCard } from './GridCard';
import { KpiTiles } from './KpiTiles';
import { LiveFeed, LiveStatusBadge } from './live/LiveFeed';
import { MapPanel } from './map/MapPanel';
import { Panel } from './Panel';
import { ChildrenList, PlaceBreadcrumb, placeLevelLabel } from './PlaceNav';
import { StateView } from './StateView';
import { EventSwitch } from '../emergency/EventSwitch';
import type { DashboardModel } from './use-dashboard-model';

export function ConsoleLayout({ model, onBigScreen }: { model: DashboardModel; onBigScreen: () => void }) {
  const { t, locale } = useI18n();
  const { data, overview, place, feed } = model;
  const refresh = data.refresh;
  const childrenAreGrids = overview?.children.some((child) => child.place.kind === 'grid') ?? false;

  return (
    <div className="gg-dash" data-testid="dashboard-page" data-screen="console" data-place={model.key} data-level={place?.level ?? ''}>
      <div className="gg-dash-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-title">
            {place ? t('dashboard.title', { name: place.name }) : t('menu.dashboard')}
            {place && (
              <Tag color="blue" style={{ marginInlineStart: 12, verticalAlign: 'middle' }}>
                {placeLevelLabel(t, place)}
              </Tag>
            )}
          </Typography.Title>
          {overview && (
            <div style={{ marginTop: 6 }}>
              <PlaceBreadcrumb breadcrumb={overview.breadcrumb} big={false} />
            </div>
          )}
        </div>
        <Space wrap>
          <EventSwitch />
          <LiveStatusBadge status={feed.status} />
          {overview && (
            <Typography.Text type="secondary" data-testid="dashboard-as-of">
              {t('dashboard.asOf', { at: formatStamp(overview.asOf, locale) })}
            </Typography.Text>
          )}
          <Button onClick={refresh} loading={data.overview.loading && overview !== null} data-testid="dashboard-refresh">
            {t('dashboard.refresh')}
          </Button>
          <Button type="primary" onClick={onBigScreen} data-testid="dashboard-big-screen">
            {t('dashboard.bigScreen')}
          </Button>
        </Space>
      </div>

      <KpiTiles tiles={overview?.tiles ?? null} />

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <MapPanel model={model} big={false} height={540} />
        </Col>
        <Col xs={24} xl={8}>
          <div className="gg-dash-side">
            {model.placeGrid ? (
              <Panel title={t('dashboard.place.card')} testId="panel-place-card" height={214}>
                <GridCard grid={model.placeGrid} testId="place-grid-card" />
              </Panel>
            ) : (
              <Panel title={t(childrenAreGrids ? 'dashboard.children.grids' : 'dashboard.children.regions')} testId="panel-children" height={214}>
                <StateView resource={data.overview} onRetry={refresh} testId="state-children">
                  {(o) => <ChildrenList items={o.children} big={false} />}
                </StateView>
              </Panel>
            )}
            <Panel title={t('dashboard.feed.title')} testId="panel-feed" height={271}>
              <div className="gg-scroll">
                <LiveFeed items={feed.items} status={feed.status} labelOf={feed.labelOf} gridName={feed.gridName} canOpen={feed.canOpen} />
              </div>
            </Panel>
          </div>
        </Col>
        <Col xs={24} lg={12}>
          <TrendPanel resource={data.trend} onRetry={refresh} height={280} />
        </Col>
        <Col xs={24} lg={12}>
          <CategoryPanel resource={data.categories} onRetry={refresh} height={280} />
        </Col>
        <Col xs={24} lg={12}>
          <DepartmentPanel resource={data.departments} onRetry={refresh} height={320} />
        </Col>
        <Col xs={24} lg={12}>
          <GridRankingPanel resource={data.ranking} onRetry={refresh} height={320} />
        </Col>
      </Row>
    </div>
  );
}
