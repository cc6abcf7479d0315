/** The buttons of the transitions the caller may take now (the ticket's `actions`). */
import { Button, Space } from 'antd';
import type { Ticket } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';
import { ACTION_HINTS, ACTION_ORDER } from './action-specs';
import { actionLabel, type Transition } from '../shared/labels';

export function TicketActions({ ticket, onAction }: { ticket: Ticket; onAction: (action: Transition) => void }) {
  const { t } = useI18n();
  const available = ACTION_ORDER.filter((action) => ticket.actions.includes(action));
  if (available.length === 0) return null;
  return (
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
    </Space>
  );
}
