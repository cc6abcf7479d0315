/**
 * Every step of a ticket, oldest first: what was done, by whom, for which department, when,
 * the status it led to, the words and photos given, and the step's particulars (departments of
 * a dispatch, levels of an escalation, the date of an extension, a rating).
 */
import { useQuery } from '@tanstack/react-query';
import { Empty, Rate, Spin, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { HANDLING_LEVELS, type HandlingLevel, type TicketEvent } from '@gridgov/contracts';
import { ticketQueries } from '../../../api/tickets';
import { formatDateTime } from '../../../app/labels';
import { useI18n, type Translate } from '../../../i18n/i18n';
import { Attachments } from '../shared/Attachments';
import { ACTION_COLOR, actionLabel, levelLabel, statusLabel } from '../shared/labels';
import { useCategories, useDepartments } from '../shared/ticket-data';

interface Props {
  /** The timeline is read again whenever the ticket changes (its key is under the ticket's). */
  ticketId: string;
}

const isLevel = (value: unknown): value is HandlingLevel => typeof value === 'string' && (HANDLING_LEVELS as readonly string[]).includes(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

function Particulars({ event, t, locale, name, category }: { event: TicketEvent; t: Translate; locale: string; name: (id: string) => string; category: (id: string) => string }) {
  const data = event.data;
  const lines: ReactNode[] = [];
  if (event.action === 'escalate' && isLevel(data.from) && isLevel(data.to)) {
    lines.push(
      `${t('ticket.tl.levels', { from: levelLabel(t, data.from), to: levelLabel(t, data.to) })}${data.automatic === true ? t('ticket.tl.automatic') : ''}`,
    );
  }
  if ((event.action === 'dispatch' || event.action === 'transfer') && Array.isArray(data.departmentIds)) {
    const ids = strings(data.departmentIds);
    const lead = typeof data.lead === 'string' ? data.lead : ids[0];
    const assists = ids.filter((id) => id !== lead);
    lines.push(
      <span data-testid="ticket-event-departments">
        {t('ticket.tl.lead', { name: lead ? name(lead) : '—' })}
        {assists.length > 0 && `；${t('ticket.tl.assists', { names: assists.map(name).join('、') })}`}
      </span>,
    );
  }
  if (event.action === 'summon') {
    lines.push(t('ticket.tl.summoned', { names: strings(data.departmentIds).map(name).join('、') }));
    if (typeof data.dueAt === 'string') lines.push(t('ticket.tl.checkInBy', { at: formatDateTime(data.dueAt, locale) }));
  }
  if (typeof data.categoryFrom === 'string' && typeof data.categoryTo === 'string') {
    lines.push(t('ticket.tl.category', { from: category(data.categoryFrom), to: category(data.categoryTo) }));
  }
  if (event.action === 'merge' && typeof data.targetNumber === 'string') lines.push(t('ticket.tl.mergedInto', { number: data.targetNumber }));
  if ((event.action === 'request_extension' || event.action === 'approve_extension' || event.action === 'reject_extension') && typeof data.until === 'string') {
    lines.push(t('ticket.tl.until', { at: formatDateTime(data.until, locale) }));
  }
  const duplicates = strings(data.possibleDuplicates);
  if (event.action === 'report' && duplicates.length > 0) lines.push(t('ticket.tl.possibleDuplicates', { numbers: duplicates.join('、') }));
  if (data.assist === true) lines.push(t('ticket.tl.assistReport'));
  if (data.inGrid === true) lines.push(t('ticket.tl.inGrid'));
  if (typeof data.publicNote === 'string') lines.push(t('ticket.tl.publicNote', { text: data.publicNote }));
  const stars = typeof data.rating === 'number' ? data.rating : typeof data.satisfaction === 'number' ? data.satisfaction : null;
  if (stars !== null) lines.push(<Rate disabled value={stars} style={{ fontSize: 14 }} />);
  if (lines.length === 0) return null;
  return (
    <>
      {lines.map((line, index) => (
        <div key={index}>{line}</div>
      ))}
    </>
  );
}

export function TicketTimeline({ ticketId }: Props) {
  const { t, locale } = useI18n();
  const departments = useDepartments();
  const categories = useCategories();
  const timeline = useQuery(ticketQueries.timeline(ticketId));
  const events = timeline.data ?? (timeline.isError ? [] : null);

  if (events === null) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (events.length === 0) return <Empty description={t('ticket.tl.empty')} />;
  const name = (id: string) => departments?.find((d) => d.id === id)?.name ?? t('ticket.tl.unknownDepartment');
  const category = (id: string) => categories?.find((c) => c.id === id)?.name ?? '—';
  return (
    <div data-testid="ticket-timeline">
      <Timeline
        items={events.map((event) => ({
          key: event.seq,
          color: ACTION_COLOR[event.action] ?? 'blue',
          content: (
            <div data-testid={`ticket-event-${event.seq}`} data-action={event.action}>
              <div>
                <Typography.Text strong>{actionLabel(t, event.action)}</Typography.Text>
                {event.toStatus && event.fromStatus !== event.toStatus && (
                  <Tag style={{ marginInlineStart: 8 }} variant="outlined">
                    {event.fromStatus ? `${statusLabel(t, event.fromStatus)} → ` : ''}
                    {statusLabel(t, event.toStatus)}
                  </Tag>
                )}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  event.actorName ?? t('ticket.tl.system'),
                  // A handler account is often named after its department: say it once.
                  event.departmentName !== event.actorName ? event.departmentName : null,
                  formatDateTime(event.at, locale),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              <div style={{ marginTop: 2 }}>
                <Particulars event={event} t={t} locale={locale} name={name} category={category} />
              </div>
              {event.note && (
                <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }} data-testid="ticket-event-note">
                  {event.note}
                </Typography.Paragraph>
              )}
              {event.attachments.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  <Attachments items={event.attachments} size={56} />
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
