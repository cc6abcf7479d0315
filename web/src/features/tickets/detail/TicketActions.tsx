/**
 * The buttons of the transitions the caller may take now (the ticket's `actions`), and, disabled
 * with the server's reason beside them, those that are theirs but not open yet (`unavailable`:
 * "等待协办部门反馈：…"). The reasons come from the same flow rules that refuse the action.
 */
import { Button, Space, Tooltip, Typography } from 'antd';
import type { Ticket } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';
import { ACTION_HINTS, ACTION_ORDER } from './action-specs';
import { actionLabel, type Transition } from '../shared/labels';

export function TicketActions({ ticket, onAction }: { ticket: Ticket; onAction: (action: Transition) => void }) {
  const { t } = useI18n();
  const available = ACTION_ORDER.filter((action) => ticket.actions.includes(action));
  const unavailable = ACTION_ORDER.flatMap((action) => {
    const reason = ticket.unavailable.find((u) => u.action === action);
    return reason ? [{ action, message: reason.message }] : [];
  });
  if (available.length === 0 && unavailable.length === 0) return null;
  return (
    <div data-testid="ticket-actions-area">
      <Space wrap size={8} data-testid="ticket-actions">
        {available.map((action) => {
          const hints = ACTION_HINTS[action];
          return (
            <Button
              key={action}
              type={hints.primary ? 'primary' : 'default'}
              danger={hints.danger}
              onClick={() => onAction(action)}
              data-testid={`ticket-action-${action}`}
            >
              {actionLabel(t, action)}
            </Button>
          );
        })}
        {unavailable.map(({ action, message }) => (
          <Tooltip key={action} title={message}>
            <Button disabled data-testid={`ticket-action-${action}`} data-unavailable="true">
              {actionLabel(t, action)}
            </Button>
          </Tooltip>
        ))}
      </Space>
      {unavailable.map(({ action, message }) => (
        <Typography.Paragraph key={action} type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }} data-testid={`ticket-unavailable-${action}`}>
          {actionLabel(t, action)}：{message}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
