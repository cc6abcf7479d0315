/** The alerts answers raise: level, message, the item they are about, and the action hint. */
import { Alert, Space, Tag } from 'antd';
import { localized, type FormDefinition, type RaisedAlert } from '@gridgov/contracts';
import { hasMessage, useI18n } from '../../i18n/i18n';

const TYPE = { info: 'info', warning: 'warning', critical: 'error' } as const;

/** `members[1]` -> "成员 2" (the repeat's item label and the item's number). */
function itemName(def: FormDefinition, path: string, t: ReturnType<typeof useI18n>['t'], locale: ReturnType<typeof useI18n>['locale']): string {
  const match = /^([a-z0-9_]+)\[(\d+)\]$/.exec(path);
  const field = match ? def.fields.find((f) => f.key === match[1]) : undefined;
  if (!match || !field || field.type !== 'repeat') return path;
  const n = Number(match[2]) + 1;
  const item = localized(field.itemLabel, locale);
  return item ? t('form.item', { item, n }) : t('form.item.default', { n });
}

export function RaisedAlerts({ definition, alerts, testId = 'form-alerts' }: { definition: FormDefinition; alerts: readonly RaisedAlert[]; testId?: string }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {alerts.map((alert, i) => {
        const actionKey = `form.alert.action.${alert.action ?? ''}`;
        const action = alert.action ? (hasMessage(actionKey) ? t(actionKey) : alert.action) : null;
        return (
          <Alert
            key={`${alert.key}-${alert.path ?? ''}-${i}`}
            type={TYPE[alert.level]}
            showIcon
            title={
              <span data-testid={`${testId}-${alert.key}${alert.path ? `-${alert.path}` : ''}`}>
                <Tag color={alert.level === 'critical' ? 'red' : alert.level === 'warning' ? 'orange' : 'blue'}>{t(`form.alert.level.${alert.level}`)}</Tag>
                {alert.path && <strong style={{ marginInlineEnd: 6 }}>{itemName(definition, alert.path, t, locale)}</strong>}
                {localized(alert.message, locale)}
              </span>
            }
            description={action ? t('form.alert.action', { action }) : undefined}
          />
        );
      })}
    </Space>
  );
}
