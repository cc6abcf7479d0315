import { RecordPage } from '../../../shared/record-page/RecordPage';
import { venueRegister } from './venue-register';

export default function VenuesPage() {
  return <RecordPage config={venueRegister} />;
}
