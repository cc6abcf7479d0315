/** The command centre's switch into an emergency event's view: the open events in scope (for holders of `emergency:read`), one click to the event's map, teams, tasks and timeline. */
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { navigate } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import { emergencyApi, emergencyKeys } from './emergency-api';

export function EventSwitch() {
  const { t } = useI18n();
  const me = useMe();
  const allowed = holds('emergency:read', me.permissions);
  const open = useQuery({ queryKey: [...emergencyKeys.events, 'open'], queryFn: ({ signal }) => emergencyApi.events({ open: 'true', page: 1, pageSize: 20 }, signal), enabled: allowed, refetchInterval: 60_000 });
  const items = open.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Select
      data-testid="dashboard-emergency-switch"
      placeholder={`${t('emergency.openEvent')}（${items.length}）`}
      style={{ minWidth: 220 }}
      onChange={(id: string) => navigate(`/emergency?id=${id}`)}
      options={items.map((e) => ({ value: e.id, label: `${e.eventNo} ${e.title}` }))}
    />
  );
}
