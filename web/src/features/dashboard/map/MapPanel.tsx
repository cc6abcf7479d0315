/** The map panel of both layouts: the dashboard's map with the card of the grid clicked on it. */
import { useI18n } from '../../../i18n/i18n';
import { GridCard } from '../GridCard';
import { Panel } from '../Panel';
import { dashboardPath } from '../place';
import type { DashboardModel } from '../use-dashboard-model';
import { DashboardMap } from './DashboardMap';

export function MapPanel({ model, big, height }: { model: DashboardModel; big: boolean; height?: number }) {
  const { t } = useI18n();
  return (
    <Panel title={t('dashboard.map.title')} testId="panel-map" height={height}>
      <DashboardMap
        map={model.data.map}
        placeKey={model.key}
        points={model.points}
        toggles={model.toggles}
        onToggle={model.setToggle}
        selectedGridId={model.selectedGridId}
        onSelectGrid={model.selectGrid}
        overlay={
          model.selectedGrid && (
            <GridCard
              grid={model.selectedGrid}
              testId="map-grid-card"
              enterHref={`#${dashboardPath({ grid: model.selectedGrid.gridId }, big)}`}
              onClose={() => model.selectGrid(null)}
            />
          )
        }
      />
    </Panel>
  );
}
