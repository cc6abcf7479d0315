/**
 * Where the dashboard is: the breadcrumb from the viewer's own place down to this one (the way
 * back up), and the place's children to drill into.
 */
import { Breadcrumb, Empty } from 'antd';
import type { DashboardChild, DashboardPlace } from '@gridgov/contracts';
import { levelLabel } from '../../app/labels';
import { navigate } from '../../app/router';
import { useI18n, type Translate } from '../../i18n/i18n';
import { formatCount } from './format';
import { dashboardPath, placeQuery } from './place';

export function placeLevelLabel(t: Translate, place: DashboardPlace): string {
  return place.level === 'grid' ? t('dashboard.level.grid') : levelLabel(t, place.level);
}

export function PlaceBreadcrumb({ breadcrumb, big }: { breadcrumb: readonly DashboardPlace[]; big: boolean }) {
  return (
    <Breadcrumb
      data-testid="dashboard-breadcrumb"
      items={breadcrumb.map((place, index) => {
        const last = index === breadcrumb.length - 1;
        const testId = `crumb-${place.kind === 'grid' ? place.gridId : place.code}`;
        return {
          key: testId,
          title: last ? (
            <span data-testid={testId} data-current="true">
              {place.name}
            </span>
          ) : (
            <a href={`#${dashboardPath(placeQuery(place), big)}`} data-testid={testId}>
              {place.name}
            </a>
          ),
        };
      })}
    />
  );
}

export function ChildrenList({ items, big }: { items: readonly DashboardChild[]; big: boolean }) {
  const { t, locale } = useI18n();
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.children.empty')} data-testid="children-empty" />;
  }
  return (
    <div className="gg-children" data-testid="children-list">
      <table>
        <thead>
          <tr>
            <th>{t('dashboard.children.name')}</th>
            <th className="num">{t('dashboard.grid.residents')}</th>
            <th className="num">{t('dashboard.grid.open')}</th>
            <th className="num">{t('dashboard.grid.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((child) => {
            const id = child.place.kind === 'grid' ? child.place.gridId : child.place.code;
            const target = dashboardPath(placeQuery(child.place), big);
            const href = `#${target}`;
            return (
              <tr key={id} data-testid={`child-${id}`} data-kind={child.place.kind} data-level={child.place.level} onClick={() => navigate(target)}>
                <td>
                  <a href={href} data-testid={`child-link-${id}`} onClick={(event) => event.stopPropagation()}>
                    {child.place.name}
                  </a>
                </td>
                <td className="num">{formatCount(child.residents, locale)}</td>
                <td className="num">{formatCount(child.openTickets, locale)}</td>
                <td className={`num${child.overdueTickets > 0 ? ' alert' : ''}`}>{formatCount(child.overdueTickets, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
