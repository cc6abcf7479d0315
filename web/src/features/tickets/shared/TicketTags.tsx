/** Small pieces shown wherever a ticket is: status, level, emergency / overdue / supervised badges, due countdown. */
import { Space, Tag, Tooltip } from 'antd';
import type { HandlingLevel, Ticket, TicketStatus } from '@gridgov/contracts';
import { formatDateTime } from '../../../app/labels';
import { useI18n } from '../../../i18n/i18n';
import { durationText, levelLabel, runningDue, STATUS_TAG, statusLabel } from './labels';
import { useNow } from './ticket-data';

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_TAG[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {statusLabel(t, status)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: HandlingLevel }) {
  const { t } = useI18n();
  return (
    <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
      {levelLabel(t, level)}
    </Tag>
  );
}

/** 紧急, 超期, 督办: only those that apply. */
export function TicketBadges({ ticket }: { ticket: Pick<Ticket, 'emergency' | 'overdue' | 'supervised'> }) {
  const { t } = useI18n();
  if (!ticket.emergency && !ticket.overdue && !ticket.supervised) return null;
  return (
    <Space size={4}>
      {ticket.emergency && (
        <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }} data-testid="ticket-badge-emergency">
          {t('ticket.emergency')}
        </Tag>
      )}
      {ticket.overdue && (
        <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="ticket-badge-overdue">
          {t('ticket.overdue')}
        </Tag>
      )}
      {ticket.supervised && (
        <Tag color="magenta" style={{ marginInlineEnd: 0 }} data-testid="ticket-badge-supervised">
          {t('ticket.supervised')}
        </Tag>
      )}
    </Space>
  );
}

/** "剩余 3小时12分钟" (orange under two hours) or "已超 2小时" (red), with the due time on hover. */
export function Countdown({ at, prefix }: { at: string; prefix?: string }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const left = new Date(at).getTime() - now;
  const over = left < 0;
  const soon = !over && left < 2 * 60 * 60_000;
  const text = over ? t('ticket.due.over', { time: durationText(t, left) }) : t('ticket.due.left', { time: durationText(t, left) });
  return (
    <Tooltip title={t('ticket.due.at', { at: formatDateTime(at, locale) })}>
      <span style={{ color: over ? '#cf1322' : soon ? '#d46b08' : undefined, whiteSpace: 'nowrap' }} data-testid="ticket-countdown" data-over={over}>
        {prefix ? `${prefix} ` : ''}
        {text}
      </span>
    </Tooltip>
  );
}

/** The running limit of a ticket (dispatch or handling); else a dash, or nothing when `quiet`. */
export function TicketDue({ ticket, quiet }: { ticket: Pick<Ticket, 'status' | 'dispatchDueAt' | 'handleDueAt'>; quiet?: boolean }) {
  const { t } = useI18n();
  const due = runningDue(ticket);
  if (!due) return quiet ? null : <span style={{ color: '#999' }}>—</span>;
  return <Countdown at={due.at} prefix={due.kind === 'dispatch' ? t('ticket.due.dispatch') : t('ticket.due.handle')} />;
}
