import { TicketListPage } from './TicketListPage';

export default function OverduePage() {
  return <TicketListPage view="overdue" title="menu.ticketsOverdue" hint="ticket.hint.overdue" slug="tickets-overdue" />;
}
