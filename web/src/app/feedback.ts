/** Messages to the user: API errors (server-localised text), successes and warnings. */
import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError, isApiError } from '../api/client';
import type { Warning } from '../api/types';
import { useI18n, type Translate } from '../i18n/i18n';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.message;
  return t('error.unexpected');
}

export function useFeedback() {
  const { message, notification } = App.useApp();
  const { t } = useI18n();
  return useMemo(
    () => ({
      error(error: unknown) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        // A lost session is told on the login page, where the session handler sends the user.
        if (isApiError(error, 'AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED')) return;
        void message.error(errorText(error, t));
      },
      success(text: string) {
        void message.success(text);
      },
      warnings(list: readonly Warning[]) {
        for (const warning of list) {
          notification.warning({ title: t('common.warning'), description: warning.message, duration: 8 });
        }
      },
    }),
    [message, notification, t],
  );
}
