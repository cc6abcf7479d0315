import { RecordPage } from '../../shared/record-page/RecordPage';
import { drivePage } from './drive-page';

export default function ReservationsPage() {
  return <RecordPage config={drivePage} />;
}
