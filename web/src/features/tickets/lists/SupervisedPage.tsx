import { TicketListPage } from './TicketListPage';

export default function SupervisedPage() {
  return <TicketListPage view="supervised" title="menu.ticketsSupervised" hint="ticket.hint.supervised" slug="tickets-supervised" />;
}
