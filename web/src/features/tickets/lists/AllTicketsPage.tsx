import { TicketListPage } from './TicketListPage';

export default function AllTicketsPage() {
  return <TicketListPage view="all" title="menu.ticketsAll" hint="ticket.hint.all" slug="tickets-all" />;
}
