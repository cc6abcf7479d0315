/**
 * The card of one grid: its name, residents, open and overdue tickets. Shown over the map when a
 * grid is clicked (with a way into it), and beside the map at grid level, where the overview
 * itself is the card.
 */
import { Button } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { formatCount } from './format';

export interface GridFigures {
  gridId: string;
  name: string;
  code: string;
  residents: number;
  openTickets: number;
  overdueTickets: number;
}

interface Props {
  grid: GridFigures;
  testId: string;
  /** Open the grid's own dashboard; absent when already there. */
  enterHref?: string;
  onClose?: () => void;
}

export function GridCard({ grid, testId, enterHref, onClose }: Props) {
  const { t, locale } = useI18n();
  return (
    <div className="gg-grid-card" data-testid={testId} data-grid-id={grid.gridId}>
      <div className="gg-grid-card-name">{grid.name}</div>
      <dl>
        <div>
          <dt>{t('dashboard.grid.residents')}</dt>
          <dd data-testid={`${testId}-residents`}>{formatCount(grid.residents, locale)}</dd>
        </div>
        <div>
          <dt>{t('dashboard.grid.open')}</dt>
          <dd data-testid={`${testId}-open`}>{formatCount(grid.openTickets, locale)}</dd>
        </div>
        <div>
          <dt>{t('dashboard.grid.overdue')}</dt>
          <dd className={grid.overdueTickets > 0 ? 'alert' : undefined} data-testid={`${testId}-overdue`}>
            {formatCount(grid.overdueTickets, locale)}
          </dd>
        </div>
      </dl>
      {(enterHref || onClose) && (
        <div className="gg-grid-card-actions">
          {enterHref && (
            <Button size="small" type="primary" href={enterHref} data-testid={`${testId}-enter`}>
              {t('dashboard.grid.enter')}
            </Button>
          )}
          {onClose && (
            <Button size="small" onClick={onClose} data-testid={`${testId}-close`}>
              {t('dashboard.grid.close')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
