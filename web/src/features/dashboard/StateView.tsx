/**
 * Loading, error and empty states of a dashboard box, or its content once there is some. Data
 * already shown stays while a refresh runs (the wall display must not blink).
 */
import { Button, Empty, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import type { Resource } from './use-dashboard';

interface Props<T> {
  resource: Resource<T>;
  isEmpty?: (data: T) => boolean;
  onRetry?: () => void;
  testId: string;
  children: (data: T) => ReactNode;
}

export function StateView<T>({ resource, isEmpty, onRetry, testId, children }: Props<T>) {
  const { t } = useI18n();
  const { data, error, loading } = resource;
  let body: ReactNode;
  let state: string;
  if (data !== null && !(isEmpty?.(data) ?? false)) {
    state = 'ready';
    body = children(data);
  } else if (data === null && loading) {
    state = 'loading';
    body = <Spin />;
  } else if (data === null && error) {
    state = 'error';
    body = (
      <div style={{ textAlign: 'center' }}>
        <Typography.Text type="danger">{t('dashboard.loadFailed')}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {errorText(error, t)}
          </Typography.Text>
        </div>
        {onRetry && (
          <Button size="small" style={{ marginTop: 8 }} onClick={onRetry}>
            {t('dashboard.retry')}
          </Button>
        )}
      </div>
    );
  } else {
    state = 'empty';
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />;
  }
  return (
    <div
      data-testid={testId}
      data-state={state}
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', justifyContent: state === 'ready' ? 'stretch' : 'center', alignItems: state === 'ready' ? 'stretch' : 'center' }}
    >
      {body}
    </div>
  );
}
