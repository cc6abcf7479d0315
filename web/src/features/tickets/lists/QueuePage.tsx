import { TicketListPage } from './TicketListPage';

export default function QueuePage() {
  return <TicketListPage view="queue" title="menu.ticketQueue" hint="ticket.hint.queue" slug="ticket-queue" />;
}
