/**
 * The big screen (大屏) for a wall display: the whole window (the Fullscreen API on request),
 * dark, no console frame. Title, breadcrumb and clock on top, the KPI tiles, then three columns:
 * trend, categories and departments; the map over the children (or the grid's card); the live
 * feed and the grid ranking. Laid out for 1920×1080 and fluid around it.
 */
import { Button, ConfigProvider, Space, theme } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../../i18n/i18n';
import { CategoryPanel, DepartmentPanel, GridRankingPanel, TrendPanel } from './charts/ChartPanels';
import { formatClock, formatStamp } from './format';
import { formatLongDay } from '../../shared/format';
import { GridCard } from './GridCard';
import { KpiTiles } from './KpiTiles';
import { LiveFeed, LiveStatusBadge } from './live/LiveFeed';
import { BIG_LOOK, LookContext } from './look';
import { MapPanel } from './map/MapPanel';
import { Panel } from './Panel';
import { ChildrenList, PlaceBreadcrumb, placeLevelLabel } from './PlaceNav';
import { StateView } from './StateView';
import type { DashboardModel } from './use-dashboard-model';

const DARK_THEME = {
  algorithm: theme.darkAlgorithm,
  token: { colorPrimary: '#3b82f6', colorBgContainer: '#0d1b33', colorBgElevated: '#12264a', colorBorder: '#1f3a66' },
};

function Clock() {
  const { locale } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const day = formatLongDay(now, locale);
  return (
    <div className="gg-bs-clock" data-testid="big-clock">
      <span className="gg-bs-time">{formatClock(now, locale)}</span>
      <span className="gg-bs-day">{day}</span>
    </div>
  );
}

/** Is `element` the one the browser shows full screen? Follows the user pressing Esc too. */
function useFullscreen(element: HTMLElement | null): [boolean, () => void] {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null && document.fullscreenElement === element);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [element]);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void element?.requestFullscreen().catch(() => undefined);
  };
  return [active, toggle];
}

export function BigScreenLayout({ model, onExit, notice }: { model: DashboardModel; onExit: () => void; notice?: ReactNode }) {
  const { t, locale } = useI18n();
  // Outside the console's antd root (a portal), so the type face is set here.
  const { token } = theme.useToken();
  const rootRef = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [fullscreen, toggleFullscreen] = useFullscreen(root);
  const { data, overview, place, feed } = model;
  const refresh = data.refresh;
  const childrenAreGrids = overview?.children.some((child) => child.place.kind === 'grid') ?? false;

  useEffect(() => {
    setRoot(rootRef.current);
    // The console behind is cut to the window, so the page is exactly the wall display and
    // nothing scrolls under it.
    const clipped = [document.body, document.getElementById('root')].filter((el): el is HTMLElement => el !== null);
    const previous = clipped.map((el) => el.style.overflow);
    for (const el of clipped) el.style.overflow = 'hidden';
    window.scrollTo(0, 0);
    return () => {
      clipped.forEach((el, i) => (el.style.overflow = previous[i] ?? ''));
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  const screen = (
    <div
      ref={rootRef}
      className="gg-bs"
      style={{ fontFamily: token.fontFamily }}
      data-testid="dashboard-page"
      data-screen="big"
      data-place={model.key}
      data-level={place?.level ?? ''}
      data-fullscreen={fullscreen ? 'true' : 'false'}
    >
      <header className="gg-bs-head">
        <div className="gg-bs-head-left">
          {overview && <PlaceBreadcrumb breadcrumb={overview.breadcrumb} big />}
          {overview && <div className="gg-bs-asof">{t('dashboard.asOf', { at: formatStamp(overview.asOf, locale) })}</div>}
        </div>
        <h1 className="gg-bs-title" data-testid="dashboard-title">
          {place ? t('dashboard.title', { name: place.name }) : t('menu.dashboard')}
          {place && <span className="gg-bs-level">{placeLevelLabel(t, place)}</span>}
        </h1>
        <div className="gg-bs-head-right">
          <Clock />
          <Space size={8}>
            <LiveStatusBadge status={feed.status} />
            <Button size="small" onClick={toggleFullscreen} data-testid="dashboard-fullscreen">
              {fullscreen ? t('dashboard.exitFullscreen') : t('dashboard.fullscreen')}
            </Button>
            <Button size="small" onClick={onExit} data-testid="dashboard-exit-big">
              {t('dashboard.exitBigScreen')}
            </Button>
          </Space>
        </div>
      </header>

      {notice ?? (
        <>
          <KpiTiles tiles={overview?.tiles ?? null} />
          <main className="gg-bs-main">
            <div className="gg-bs-col">
              <TrendPanel resource={data.trend} onRetry={refresh} />
              <CategoryPanel resource={data.categories} onRetry={refresh} />
              <DepartmentPanel resource={data.departments} onRetry={refresh} limit={8} />
            </div>
            <div className="gg-bs-center">
              <MapPanel model={model} big={true} />
              {model.placeGrid ? (
                <Panel title={t('dashboard.place.card')} testId="panel-place-card">
                  <GridCard grid={model.placeGrid} testId="place-grid-card" />
                </Panel>
              ) : (
                <Panel title={t(childrenAreGrids ? 'dashboard.children.grids' : 'dashboard.children.regions')} testId="panel-children">
                  <StateView resource={data.overview} onRetry={refresh} testId="state-children">
                    {(o) => <ChildrenList items={o.children} big />}
                  </StateView>
                </Panel>
              )}
            </div>
            <div className="gg-bs-col gg-bs-col-right">
              <Panel title={t('dashboard.feed.title')} testId="panel-feed">
                <div className="gg-scroll">
                  <LiveFeed items={feed.items} status={feed.status} labelOf={feed.labelOf} gridName={feed.gridName} canOpen={feed.canOpen} />
                </div>
              </Panel>
              <GridRankingPanel resource={data.ranking} onRetry={refresh} limit={6} />
            </div>
          </main>
        </>
      )}
    </div>
  );

  return createPortal(
    <ConfigProvider theme={DARK_THEME}>
      <LookContext.Provider value={BIG_LOOK}>{screen}</LookContext.Provider>
    </ConfigProvider>,
    document.body,
  );
}
